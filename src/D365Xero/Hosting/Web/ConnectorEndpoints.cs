using D365Xero.Journal;
using D365Xero.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting.Web;

/// <summary>`serve`'s endpoints: webhook intake, health, readiness, metrics, and the status page with its API.</summary>
public static class ConnectorEndpoints
{
    public static void Map(WebApplication app, ConnectorRuntime runtime, ServeSettings settings)
    {
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
    }
}
