using System.Globalization;
using System.Threading.RateLimiting;
using D365Xero.Journal;
using D365Xero.RoundTrip;
using D365Xero.Sync;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting.Web;

/// <summary>
/// <c>POST /webhooks/xero</c>: Xero's events (invoices, credit notes, contacts) queued in the durable journal for the
/// connection whose organisation they happened in. What Xero requires of the endpoint
/// (https://developer.xero.com/documentation/webhooks/configuring-your-server): the signature
/// (<see cref="XeroWebhookSignature"/>) is checked on the raw body before anything is parsed; a wrong or missing one
/// is answered 401 with no body and nothing queued; a right one 200 with no body and no cookies, within 5 s.
/// Intent-to-receive (a signed post with <c>"events": []</c>) is just such a post. A refused post is redelivered
/// "with decreasing frequency for up to 24 hours", so the store failing is answered 503 and nothing is lost.
/// </summary>
/// <remarks>
/// Several connections may share one Xero app (one key) or have their own; a post is accepted when it is signed with
/// the key of any connection, and its events go only to connections with that key whose organisation
/// (<see cref="XeroConnectionTenants"/>) is the event's tenantId: one Xero organisation's events never touch another
/// connection. An event for an organisation no such connection serves is logged and dropped. The body limit and the
/// posts in hand at once are the Dataverse webhook's (<see cref="WebhookLimits"/>).
/// </remarks>
public sealed class XeroWebhookIntake(ConnectorRuntime runtime, WorkSignal signal, XeroConnectionTenants tenants, WebhookLimits limits, ILogger logger)
{
    public const string Path = "/webhooks/xero";

    /// <summary>How long a post waits for a connection's organisation to be learned (the first post of a process); Xero gives up at 5 s.</summary>
    private static readonly TimeSpan TenantWait = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(1);

    private readonly ConcurrencyLimiter _inHand = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = limits.MaxConcurrentPosts,
        QueueLimit = limits.MaxQueuedPosts,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>The connections that take Xero's webhooks (those with a <c>Xero:WebhookKey</c>), grouped by key as read at start: connections of one app share it.</summary>
    private readonly IReadOnlyList<IGrouping<string, SyncConnection>> _byKey = runtime.Connections
        .Where(c => c.Xero.Options.WebhookKey is not null).GroupBy(c => c.Xero.Options.WebhookKey!, StringComparer.Ordinal).ToList();

    /// <summary>The connections that take Xero's webhooks: those with a <c>Xero:WebhookKey</c>.</summary>
    public IReadOnlyList<SyncConnection> Listening => [.. _byKey.SelectMany(g => g)];

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        if (_byKey.Count == 0)
            return Results.Problem("No connection sets Xero__WebhookKey, so no post from Xero can be verified; Xero's webhooks are off "
                + "and invoices are read back by the poll (docs/go-live.md).", statusCode: StatusCodes.Status503ServiceUnavailable);
        var presented = http.Request.Headers[XeroWebhookSignature.Header].ToString();
        if (presented.Length == 0) return Unauthorized();
        if (http.Request.ContentLength > limits.MaxBodyBytes) return TooLarge();

        using var lease = await _inHand.AcquireAsync(1, http.RequestAborted);
        if (!lease.IsAcquired)
        {
            http.Response.Headers.RetryAfter = ((int)BusyRetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Results.Problem("The connector is taking in as many posts as it can; send this one again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        using var body = await BoundedBody.ReadAsync(http.Request.Body, limits.MaxBodyBytes, http.RequestAborted);
        if (body is null) return TooLarge();
        var bytes = body.GetBuffer().AsMemory(0, (int)body.Length);

        var signed = _byKey.Where(g => XeroWebhookSignature.Matches(bytes.Span, presented, g.Key))
            .SelectMany(g => g).ToList();
        if (signed.Count == 0) return Unauthorized();

        var (payload, error) = XeroWebhookPayload.Parse(bytes.Span);
        if (payload is null) return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        foreach (var skipped in payload.Skipped) logger.LogWarning("Xero webhook: {Skipped}; ignored", skipped);
        if (payload.Events.Count == 0) return Ok(); // intent to receive
        return await QueueAsync(payload.Events, signed, http.RequestAborted);
    }

    private async Task<IResult> QueueAsync(IReadOnlyList<XeroWebhookEvent> events, IReadOnlyList<SyncConnection> signed, CancellationToken ct)
    {
        var wanted = new List<(XeroWebhookEvent Event, string Queue)>();
        foreach (var e in events)
        {
            if (XeroEventRouting.QueueOf(e.Category) is { } queue) wanted.Add((e, queue));
            else logger.LogDebug("Xero webhook: {Category} event for {Resource} ignored", e.Category, e.ResourceId);
        }
        if (wanted.Count == 0) return Ok();

        var (served, unknown) = await TenantsAsync(signed, ct);
        var keys = new Dictionary<SyncConnection, HashSet<WorkKey>>();
        foreach (var (e, queue) in wanted)
        {
            var targets = served.Where(s => s.Tenant == e.TenantId).Select(s => s.Connection).ToList();
            if (targets.Count == 0)
            {
                // Could be the organisation of a connection whose tenant is not known yet: let Xero send it again.
                if (unknown.Count > 0)
                    return Results.Problem($"Could not learn which Xero organisation {string.Join(", ", unknown)} serve(s); send this again.", statusCode: StatusCodes.Status503ServiceUnavailable);
                logger.LogWarning("Xero webhook: {Category} event for {Resource} in organisation {Tenant}, which no connection with this webhook key serves; ignored",
                    e.Category, e.ResourceId, e.TenantId);
                continue;
            }
            foreach (var connection in targets)
            {
                if (!keys.TryGetValue(connection, out var set)) keys[connection] = set = [];
                set.Add(new WorkKey(queue, e.ResourceId));
            }
        }

        foreach (var (connection, set) in keys)
        {
            try
            {
                await DropEchoesAsync(connection, set, wanted, ct);
                if (set.Count == 0) continue;
                await runtime.Store.EnqueueAsync(connection.Name, [.. set], ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Xero redelivers anything not answered 200 (configuring-your-server); entries already queued for
                // another connection collapse into themselves when it does.
                logger.LogError(e, "Could not queue {Count} Xero event(s) for {Connection}", set.Count, connection.Name);
                return Results.Problem("The connector could not queue these events just now; send them again.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }
        foreach (var connection in keys.Keys)
        {
            signal.Notify(connection.Name);
            logger.LogDebug("Xero webhook: {Count} event(s) queued for {Connection}", keys[connection].Count, connection.Name);
        }
        return Ok();
    }

    /// <summary>
    /// Invoice events worth no read are not queued (docs/round-trip.md, "No echo loops"): an invoice the connector did not create has
    /// no order to show it on, and an event no later than the connector's own write to the invoice is that write's echo.
    /// </summary>
    private async Task DropEchoesAsync(SyncConnection connection, HashSet<WorkKey> set, List<(XeroWebhookEvent Event, string Queue)> wanted, CancellationToken ct)
    {
        var invoices = wanted.Where(w => w.Queue == XeroEventQueues.Invoice && set.Contains(new WorkKey(w.Queue, w.Event.ResourceId)))
            .Select(w => (w.Event.ResourceId, w.Event.EventDateUtc ?? DateTimeOffset.MaxValue)).ToList();
        if (invoices.Count == 0) return;
        var keep = (await XeroEchoFilter.InvoicesToReadAsync(runtime.Store, connection.Name, invoices, ct)).ToHashSet();
        var dropped = set.RemoveWhere(k => k.Table == XeroEventQueues.Invoice && !keep.Contains(k.DynamicsId));
        if (dropped > 0) logger.LogDebug("Xero webhook: {Count} invoice event(s) for {Connection} not ours or our own write's echo; not read back", dropped, connection.Name);
    }

    /// <summary>The organisation of each signed connection, and the names of those not learned in time.</summary>
    private async Task<(List<(SyncConnection Connection, Guid Tenant)> Served, List<string> Unknown)> TenantsAsync(IReadOnlyList<SyncConnection> signed, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TenantWait);
        var served = new List<(SyncConnection, Guid)>();
        var unknown = new List<string>();
        foreach (var connection in signed)
        {
            try
            {
                served.Add((connection, await tenants.GetAsync(connection, wait.Token)));
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not learn which Xero organisation connection {Connection} serves", connection.Name);
                unknown.Add(connection.Name);
            }
        }
        return (served, unknown);
    }

    /// <summary>200, no body, no cookies: what Xero accepts (configuring-your-server).</summary>
    private static IResult Ok() => Results.StatusCode(StatusCodes.Status200OK);

    /// <summary>401 with no body, as Xero's intent-to-receive expects of a wrongly signed post.</summary>
    private static IResult Unauthorized() => Results.StatusCode(StatusCodes.Status401Unauthorized);

    private IResult TooLarge() =>
        Results.Problem($"The body is larger than Webhook__MaxBodyBytes ({limits.MaxBodyBytes} bytes); nothing was queued.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
