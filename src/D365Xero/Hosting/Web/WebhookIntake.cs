using System.Security.Cryptography;
using System.Text;
using D365Xero.Journal;
using D365Xero.Source.Dataverse;
using D365Xero.Source.Webhooks;
using D365Xero.Sync;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting.Web;

/// <summary>
/// <c>POST /webhooks/dataverse</c>: checks the header secret in constant time, parses the
/// RemoteExecutionContext, writes the row's key to the durable journal and answers at once
/// (Dataverse waits 60 s and retries only once, reference §4). Nothing is queued for a post that
/// fails authentication or parsing.
/// </summary>
public sealed class WebhookIntake(ConnectorRuntime runtime, WorkSignal signal, string? secret, ILogger logger)
{
    /// <summary>Dataverse trims posts over 256 KB (reference §4); anything much larger is not from it.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Tables whose changes the connector follows, and what a change of each queues.</summary>
    private static readonly IReadOnlySet<string> Tables = new HashSet<string> { "account", "contact", "product", "salesorder", "salesorderdetail" };

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        if (secret is null) return Results.Problem("Webhook__Secret is not configured, so no post can be trusted.", statusCode: 503);
        if (!SecretMatches(http.Request.Headers[WebhookRegistrar.SecretHeader].ToString(), secret))
        {
            return Results.Problem("Missing or wrong webhook secret.", statusCode: 401);
        }
        if (http.Request.ContentLength > MaxBodyBytes) return Results.Problem("The body is too large.", statusCode: 413);

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > MaxBodyBytes) return Results.Problem("The body is too large.", statusCode: 413);
        var (notice, error) = RemoteExecutionContextParser.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (notice is null) return Results.Problem(error, statusCode: 400);
        if (!Tables.Contains(notice.Table)) return Results.Problem($"The connector does not sync the table '{notice.Table}'.", statusCode: 400);

        var connection = Pick(http.Request.Headers["x-ms-dynamics-organization"].ToString());
        if (connection is null) return Results.Problem("No configured connection matches this Dynamics organisation.", statusCode: 400);

        var keys = new List<WorkKey> { new(notice.Table, notice.Id) };
        if (notice.Table == "salesorderdetail" && notice.Parent is { } order) keys.Add(new WorkKey("salesorder", order));
        // Only what a sync step claims: an entry of any other table would sit in the journal for ever, always
        // "due", and keep the worker spinning. The steps are registered already; they count once the table syncs.
        keys.RemoveAll(k => !SyncRunner.Tables.Contains(k.Table));
        if (keys.Count == 0) return Results.Text($"The connector does not sync '{notice.Table}' yet; nothing was queued.", statusCode: 202);
        try
        {
            await runtime.Store.EnqueueAsync(connection.Name, keys, http.RequestAborted);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            // Dataverse retries once, and only after 502/503/504 (reference §4): a 500 would drop the post until the next poll.
            logger.LogError(e, "Could not queue webhook {Message} {Table} {Id}", notice.Message, notice.Table, notice.Id);
            return Results.Problem("The connector could not queue this change just now; try again.", statusCode: 503);
        }
        foreach (var key in keys) connection.Clock.Heard(key);
        signal.Notify(connection.Name);
        logger.LogDebug("Webhook {Message} {Table} {Id} queued for {Connection}", notice.Message, notice.Table, notice.Id, connection.Name);
        return Results.Accepted();
    }

    private SyncConnection? Pick(string organisationHost)
    {
        if (runtime.Connections.Count == 1) return runtime.Connections[0];
        return runtime.Connections.FirstOrDefault(c =>
            Uri.TryCreate(c.Dataverse.Options.Url, UriKind.Absolute, out var url)
            && string.Equals(url.Authority, organisationHost, StringComparison.OrdinalIgnoreCase)); // host, and port unless the default
    }

    /// <summary>Constant time over the SHA-256 of both, so neither content nor length leaks through timing.</summary>
    internal static bool SecretMatches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
