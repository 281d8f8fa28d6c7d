using Microsoft.Extensions.DependencyInjection;

namespace D365Xero.Hosting;

/// <summary>
/// The named <see cref="HttpClient"/>s (https://learn.microsoft.com/dotnet/core/extensions/httpclient-factory#named-clients).
/// Each service's own transport (DataverseTransport, XeroTransport) is the resilience pipeline every
/// call goes through: per-attempt timeouts, retries honouring Retry-After, the rate gate. The clients
/// only carry it, so no second retry policy is added here; HttpClient's own timeout is a backstop.
/// </summary>
public static class ConnectorHttpClients
{
    public const string Dataverse = "dataverse";
    public const string Xero = "xero";

    private static readonly Lazy<IHttpClientFactory> SharedFactory = new(() =>
        new ServiceCollection().AddConnectorHttpClients().BuildServiceProvider().GetRequiredService<IHttpClientFactory>());

    /// <summary>For callers without a container (tests, the bench): the same clients from one process-wide factory.</summary>
    public static IHttpClientFactory Shared => SharedFactory.Value;

    public static IServiceCollection AddConnectorHttpClients(this IServiceCollection services)
    {
        foreach (var name in new[] { Dataverse, Xero })
        {
            services.AddHttpClient(name, http => http.Timeout = TimeSpan.FromMinutes(5))
                // A pooled connection is renewed every 5 minutes, so DNS changes are seen; the handler itself
                // then lives on (https://learn.microsoft.com/dotnet/fundamentals/networking/http/httpclient-guidelines#recommended-use).
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                // The transports log each call themselves, with what was asked; the factory's own lines would repeat them.
                .RemoveAllLoggers();
        }
        return services;
    }
}
