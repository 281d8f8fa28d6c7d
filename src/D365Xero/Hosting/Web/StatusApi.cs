using System.Security.Cryptography;
using System.Text;
using D365Xero.Journal;
using D365Xero.Sync;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace D365Xero.Hosting.Web;

/// <summary>
/// The status page's data: <c>GET /api/status</c> (the same report as `status --json`, plus the
/// latest changes and their latency, and the Dynamics names of failed accounts and contacts) and <c>POST /api/retry</c> (one row, or every failed row).
/// The page itself is served at <c>/</c> by <see cref="StatusPage"/>.
/// </summary>
public static class StatusApi
{
    public static void Map(WebApplication app, ConnectorRuntime runtime, ServeSettings settings)
    {
        var group = app.MapGroup("");
        if (settings.StatusKey is { } key) group.AddEndpointFilter(async (context, next) =>
            KeyMatches(context.HttpContext, key) ? await next(context) : Results.Problem("This status page needs its key (?key=…).", statusCode: 401));

        var failureNames = new FailureNames(TimeProvider.System);
        group.MapGet("/api/status", async (CancellationToken ct) =>
        {
            var report = await StatusReport.ReadAsync(runtime.Store, runtime.Connections.Select(c => c.Name), 50, ct);
            var recent = runtime.Connections.ToDictionary(c => c.Name, c => c.Clock.Recent.Select(r => new
            {
                table = r.Key.Table,
                id = r.Key.DynamicsId,
                heardAt = r.HeardAt,
                latencyMs = Math.Round(r.Latency.TotalMilliseconds),
            }));
            var links = runtime.Connections.ToDictionary(c => c.Name, c => c.Dataverse.Options.Url.TrimEnd('/'));
            var names = new Dictionary<string, Dictionary<string, string>>();
            foreach (var (connection, status) in runtime.Connections.Zip(report.Connections))
            {
                names[connection.Name] = await failureNames.ForAsync(connection, status.Failures, ct);
            }
            return Results.Json(new { report.Connections, recent, dynamicsUrls = links, names });
        });
        group.MapPost("/api/retry", async (HttpContext http, CancellationToken ct) =>
        {
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
            var connection = form?["connection"].ToString() is { Length: > 0 } name ? name : runtime.Connections[0].Name;
            if (runtime.Connections.All(c => c.Name != connection)) return Results.Problem($"No connection '{connection}'.", statusCode: 404);
            IReadOnlyCollection<WorkKey>? only = null;
            if (form?["table"].ToString() is { Length: > 0 } table && Guid.TryParse(form["id"].ToString(), out var id)) only = [new WorkKey(table, id)];
            var count = await FailedRows.RequeueAsync(runtime.Store, connection, ct, only);
            app.Services.GetRequiredService<WorkSignal>().Notify(connection);
            return Results.Json(new { requeued = count });
        });
        StatusPage.Map(group);
    }

    private static bool KeyMatches(HttpContext http, string key)
    {
        var presented = http.Request.Query["key"].ToString() is { Length: > 0 } q ? q : http.Request.Headers["X-Status-Key"].ToString();
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
