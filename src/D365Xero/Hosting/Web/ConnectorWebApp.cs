using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace D365Xero.Hosting.Web;

/// <summary>
/// The one web host of `serve` and `sandbox`: webhook intake, the workers, the status page and its
/// API, health and metrics. Built here so tests start exactly what users run.
/// </summary>
public static class ConnectorWebApp
{
    /// <summary>
    /// `serve`'s composition root: every setting bound and checked (a wrong one throws before anything
    /// opens), then the store and connections opened inside the host, then the endpoints.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(IConfiguration configuration, CancellationToken ct)
    {
        // Checked before the web host exists: its logging reads Logging:* itself and would fail on a wrong
        // level with its own words instead of the one line naming the key.
        using (var check = new ServiceCollection().AddConnectorSettings(configuration).BuildServiceProvider())
        {
            check.GetService<IStartupValidator>()?.Validate();
        }
        var settings = ServeSettings.From(configuration);
        var builder = CreateBuilder(settings, b => b.AddConnectorLogging(configuration), configuration);
        builder.Services.AddConnector(configuration);
        builder.Services.AddSingleton(settings);
        var app = builder.Build();
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            var runtime = await app.Services.GetRequiredService<ConnectorRuntimeOpener>().OpenAsync(ct);
            ConnectorEndpoints.Map(app, runtime, settings);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The host over a runtime opened elsewhere (tests, the bench).</summary>
    public static WebApplication Build(ConnectorRuntime runtime, ServeSettings settings, Action<ILoggingBuilder>? logging = null)
    {
        var builder = CreateBuilder(settings, logging);
        builder.Services.AddSingleton(runtime);
        var app = builder.Build();
        ConnectorEndpoints.Map(app, runtime, settings);
        return app;
    }

    /// <param name="configuration">When given, the host reads exactly what the verbs read (appsettings.json, --config,
    /// environment). It replaces the builder's sources before the listen address is set: set first, the address
    /// (kept in the host's configuration) would be wiped with them and Kestrel would listen on its default.</param>
    private static WebApplicationBuilder CreateBuilder(ServeSettings settings, Action<ILoggingBuilder>? logging, IConfiguration? configuration = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (configuration is not null)
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddConfiguration(configuration);
        }
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = settings.WebhookLimits.MaxBodyBytes;
            // What Kestrel reads ahead per connection before the app asks (1 MB by default): with posts
            // waiting for a place in the intake, this is what bounds them.
            k.Limits.MaxRequestBufferSize = 64 * 1024;
        });
        // Before the logging below, so a configured console formatter (Logging__Console__FormatterName=json)
        // wins over systemd's default one.
        builder.Services.AddConnectorServe(settings);
        builder.Logging.ClearProviders();
        if (logging is not null) logging(builder.Logging);
        return builder;
    }
}
