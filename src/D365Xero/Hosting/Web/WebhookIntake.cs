using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
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
/// (Dataverse waits 60 s and retries only once: docs/dataverse-rules.md#d-webhook-retry, https://learn.microsoft.com/power-apps/developer/data-platform/use-webhooks). Nothing is queued for a post that
/// fails authentication or parsing, or is larger than <see cref="WebhookLimits.MaxBodyBytes"/> (413).
/// At most <see cref="WebhookLimits.MaxConcurrentPosts"/> posts are in hand and
/// <see cref="WebhookLimits.MaxQueuedPosts"/> waiting; one more is answered 503 with Retry-After
/// before its body is read, which Dataverse retries, so a flood cannot grow memory without bound.
/// Duplicate posts for one row collapse into its one journal entry.
/// </summary>
public sealed class WebhookIntake(ConnectorRuntime runtime, WorkSignal signal, string? secret, WebhookLimits limits, ILogger logger)
{
    /// <summary>How long a post refused for being one too many is told to wait (Dataverse retries it once: docs/dataverse-rules.md#d-webhook-retry).</summary>
    private static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(1);

    // Posts in hand at once, and how many may wait for a place: a flood is answered 503 rather than buffered.
    private readonly ConcurrencyLimiter _inHand = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = limits.MaxConcurrentPosts,
        QueueLimit = limits.MaxQueuedPosts,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        if (secret is null) return Results.Problem("Webhook__Secret is not configured, so no post can be trusted.", statusCode: 503);
        if (!SecretMatches(http.Request.Headers[WebhookRegistrar.SecretHeader].ToString(), secret))
        {
            return Results.Problem("Missing or wrong webhook secret.", statusCode: 401);
        }
        if (http.Request.ContentLength > limits.MaxBodyBytes) return TooLarge();

        using var lease = await _inHand.AcquireAsync(1, http.RequestAborted);
        if (!lease.IsAcquired)
        {
            http.Response.Headers.RetryAfter = ((int)BusyRetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem("The connector is taking in as many posts as it can; send this one again shortly.", statusCode: 503);
        }
        return await HandleInHandAsync(http);
    }

    private async Task<IResult> HandleInHandAsync(HttpContext http)
    {
        using var body = await ReadBodyAsync(http.Request.Body, http.RequestAborted);
        if (body is null) return TooLarge();
        var (notice, error) = RemoteExecutionContextParser.Parse(body.GetBuffer().AsSpan(0, (int)body.Length));
        if (notice is null) return Results.Problem(error, statusCode: 400);
        var connection = Pick(http.Request.Headers["x-ms-dynamics-organization"].ToString());
        if (connection is null) return Results.Problem("No configured connection matches this Dynamics organisation.", statusCode: 400);
        // Only what a sync step claims: an entry of any other table would sit in the journal for ever, always "due".
        if (!connection.Tables.Contains(notice.Table)) return Results.Problem($"The connector does not sync the table '{notice.Table}'.", statusCode: 400);

        var keys = new List<WorkKey> { new(notice.Table, notice.Id) };
        // A child that names its parent (an order line its order) queues the parent at once.
        if (connection.Tables[notice.Table].Parent is { } parent && notice.Parent is { } id) keys.Add(new WorkKey(parent.Table, id));
        try
        {
            await runtime.Store.EnqueueAsync(connection.Name, keys, http.RequestAborted);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            // Dataverse retries once, and only after 502/503/504 (docs/dataverse-rules.md#d-webhook-retry): a 500 would drop the post until the next poll.
            logger.LogError(e, "Could not queue webhook {Message} {Table} {Id}", notice.Message, notice.Table, notice.Id);
            return Results.Problem("The connector could not queue this change just now; try again.", statusCode: 503);
        }
        foreach (var key in keys) connection.Clock.HeardFromWebhook(key);
        signal.Notify(connection.Name);
        logger.LogDebug("Webhook {Message} {Table} {Id} queued for {Connection}", notice.Message, notice.Table, notice.Id, connection.Name);
        return Results.Accepted();
    }

    /// <summary>The body, or null as soon as it grows past the limit (a chunked body says no length up front).</summary>
    private async Task<MemoryStream?> ReadBodyAsync(Stream source, CancellationToken ct)
    {
        var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await source.ReadAsync(chunk, ct)) > 0)
            {
                if (body.Length + read > limits.MaxBodyBytes)
                {
                    await body.DisposeAsync();
                    return null;
                }
                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await body.DisposeAsync();
            return null; // Kestrel's own limit, which is this one
        }
        return body;
    }

    private IResult TooLarge() =>
        Results.Problem($"The body is larger than Webhook__MaxBodyBytes ({limits.MaxBodyBytes} bytes); nothing was queued.", statusCode: 413);

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
