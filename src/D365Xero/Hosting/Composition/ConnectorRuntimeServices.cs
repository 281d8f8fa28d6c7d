using D365Xero.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace D365Xero.Hosting;

/// <summary>The store and the connections, opened once per host by <see cref="ConnectorRuntimeOpener"/>.</summary>
public static class ConnectorRuntimeServices
{
    public static IServiceCollection AddConnectorRuntime(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ConnectorRuntimeOpener>();
        services.TryAddSingleton(sp => sp.GetRequiredService<ConnectorRuntimeOpener>().Runtime);
        return services;
    }

    /// <summary>Settings, HTTP clients and the runtime: what every verb that talks to a service needs.</summary>
    public static IServiceCollection AddConnector(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        services.AddConnectorSettings(configuration).AddConnectorHttpClients().AddConnectorRuntime();
}
