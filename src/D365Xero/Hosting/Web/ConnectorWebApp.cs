using System.Text.Json;
using D365Xero.Journal;
using D365Xero.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace D365Xero.Hosting.Web;

/// <summary>
/// The one web host of `serve` and `sandbox`: webhook intake, the workers, the status page and its
/// API, health and metrics. Built here so tests start exactly what users run.
/// </summary>
public static class ConnectorWebApp
{
    public static WebApplication Build(ConnectorRuntime runtime, ServeSettings settings, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = settings.WebhookLimits.MaxBodyBytes;
            // What Kestrel reads ahead per connection before the app asks (1 MB by default): with posts
            // waiting for a place in the intake, this is what bounds them.
            k.Limits.MaxRequestBufferSize = 64 * 1024;
        });
        // Under systemd: Type=notify readiness and SIGTERM; under the Service Control Manager: a Windows
        // service. Each does nothing elsewhere. Before the logging below, so a configured console
        // formatter (Logging__Console__FormatterName=json) wins over systemd's default one.
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService();
        builder.Logging.ClearProviders();
        if (logging is not null) logging(builder.Logging);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<WorkSignal>();
        builder.Services.AddSingleton<ConnectorMetrics>();
        builder.Services.AddHostedService<ConnectorWorkers>();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(ConnectorMetrics.MeterName)
            .AddPrometheusExporter());
        // Finish or hand back the batch in hand; a claimed batch is released on cancellation.
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        var app = builder.Build();
        var metrics = app.Services.GetRequiredService<ConnectorMetrics>();
        foreach (var connection in runtime.Connections)
        {
            connection.Clock.Observed += change => metrics.ChangeLatency.Record(change.Latency.TotalSeconds);
        }

        var intake = new WebhookIntake(runtime, app.Services.GetRequiredService<WorkSignal>(), settings.WebhookSecret, settings.WebhookLimits,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<WebhookIntake>());
        app.MapPost("/webhooks/dataverse", async (HttpContext http) =>
        {
            var result = await intake.HandleAsync(http);
            (result is IStatusCodeHttpResult { StatusCode: 202 } ? metrics.WebhooksReceived : metrics.WebhooksRejected).Add(1);
            return result;
        });
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", async (CancellationToken ct) =>
        {
            var paused = new List<string>();
            foreach (var c in runtime.Connections)
            {
                if (await ConnectionState.GetPausedAsync(runtime.Store, c.Name, ct) is { } reason) paused.Add($"{c.Name}: {reason}");
            }
            return paused.Count == 0 ? Results.Text("ready") : Results.Text("paused\n" + string.Join('\n', paused), statusCode: 503);
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        StatusApi.Map(app, runtime, settings);
        return app;
    }
}
