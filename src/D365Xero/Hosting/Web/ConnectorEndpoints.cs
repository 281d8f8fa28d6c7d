using D365Xero.Journal;
using D365Xero.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting.Web;

/// <summary>`serve`'s endpoints: webhook intake (Dataverse's and Xero's), health, readiness, metrics, and the status page with its API.</summary>
public static class ConnectorEndpoints
{
    public static void Map(WebApplication app, ConnectorRuntime runtime, ServeSettings settings)
    {
        var metrics = app.Services.GetRequiredService<ConnectorMetrics>();
        foreach (var connection in runtime.Connections)
        {
            connection.Clock.Observed += change => metrics.ChangeLatency.Record(change.Latency.TotalSeconds);
        }
        metrics.ObserveOutages(runtime.Connections);

        var intake = new WebhookIntake(runtime, app.Services.GetRequiredService<WorkSignal>(), settings.WebhookSecret, settings.WebhookLimits,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<WebhookIntake>());
        app.MapPost("/webhooks/dataverse", async (HttpContext http) =>
        {
            var result = await intake.HandleAsync(http);
            (result is IStatusCodeHttpResult { StatusCode: 202 } ? metrics.WebhooksReceived : metrics.WebhooksRejected).Add(1);
            return result;
        });
        var logs = app.Services.GetRequiredService<ILoggerFactory>();
        var tenants = new XeroConnectionTenants(logs.CreateLogger<XeroConnectionTenants>());
        var xeroIntake = new XeroWebhookIntake(runtime, app.Services.GetRequiredService<WorkSignal>(), tenants, settings.WebhookLimits,
            logs.CreateLogger<XeroWebhookIntake>());
        tenants.Warm(xeroIntake.Listening);
        app.MapPost(XeroWebhookIntake.Path, async (HttpContext http) =>
        {
            var result = await xeroIntake.HandleAsync(http);
            (result is IStatusCodeHttpResult { StatusCode: 200 } ? metrics.XeroWebhooksReceived : metrics.XeroWebhooksRejected).Add(1);
            return result;
        });
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", async (CancellationToken ct) =>
        {
            var paused = new List<string>();
            var unavailable = new List<string>();
            foreach (var c in runtime.Connections)
            {
                if (await ConnectionState.GetPausedAsync(runtime.Store, c.Name, ct) is { } reason) paused.Add($"{c.Name}: {reason}");
                unavailable.AddRange((await ConnectionState.GetOutagesAsync(runtime.Store, c.Name, ct)).Select(o => $"{c.Name}: {o.Describe()}"));
            }
            // An outage of Xero or Dataverse leaves the instance ready: webhooks are still taken and queued, and the work
            // resumes by itself after the outage. Only a pause (a person must act) makes it not ready.
            var lines = string.Concat(paused.Concat(unavailable).Select(l => "\n" + l));
            return paused.Count == 0 ? Results.Text("ready" + lines) : Results.Text("paused" + lines, statusCode: 503);
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        StatusApi.Map(app, runtime, settings);
    }
}
