using System.Globalization;
using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;

namespace D365Xero.RoundTrip;

/// <summary>
/// The backstop for Xero's webhooks: every <c>Sync:InvoicePollInterval</c>, the invoices changed since the last look
/// (<c>If-Modified-Since</c>, 1,000 a call, docs/xero-rules.md#x-if-modified-since; developer.xero.com/documentation/api/requests-and-responses).
/// Those the connector created and whose change it has not seen yet are written onto their orders from that same answer, with no
/// second read. The time of the last look is kept in the store, so a restart neither reads everything again nor skips a gap.
/// </summary>
public sealed class InvoicePoll(SyncConnection c, InvoiceReadBack readBack)
{
    /// <summary>The cursor's name in the store (the journal queue's, which no Dynamics table can have).</summary>
    private const string Cursor = XeroEventQueues.Invoice;

    /// <summary>Looks again a little before the last look: Xero's clock and ours may differ, and a change seen twice is only compared.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(2);

    /// <summary>A first look reaches back this far.</summary>
    private static readonly TimeSpan FirstLook = TimeSpan.FromDays(1);

    public TimeSpan Interval => c.Options.InvoicePollInterval
        ?? (string.IsNullOrEmpty(c.Xero.Options.WebhookKey) ? TimeSpan.FromMinutes(15) : TimeSpan.FromHours(2));

    /// <summary>When the next look is due (now when there was none).</summary>
    public async Task<DateTimeOffset> NextAsync(CancellationToken ct) =>
        await LastAsync(ct) is { } last ? last + Interval : c.Time.GetUtcNow();

    /// <summary>Looks when due; true when it looked.</summary>
    public async Task<bool> PollIfDueAsync(CancellationToken ct)
    {
        var now = c.Time.GetUtcNow();
        var last = await LastAsync(ct);
        if (last is { } l && now < l + Interval) return false;
        if (!(await c.Store.CountLinksAsync(c.Name, ct)).Any(l => l.Table == SyncedTables.Order.Name && l.Count > 0))
        {
            // No order has reached Xero yet: nothing to look for, no call spent.
            await c.Store.SetCursorAsync(c.Name, Cursor, now.ToString("O", CultureInfo.InvariantCulture), ct);
            return false;
        }
        var since = (last ?? now - FirstLook) - Overlap;
        var changed = new List<XeroInvoice>();
        await foreach (var invoice in c.Xero.GetInvoicesModifiedSinceAsync(since, ct))
        {
            if (invoice.InvoiceID is not null) changed.Add(invoice);
        }
        foreach (var chunk in changed.Chunk(EventQueueRunner.BatchSize))
        {
            var links = await c.Store.GetLinksByXeroIdsAsync(c.Name, SyncedTables.Order.Name, chunk.Select(i => i.InvoiceID!.Value.ToString("D")).ToList(), ct);
            // Already seen (our own write, or a webhook's read-back): nothing to write.
            var fresh = chunk.Where(i => links.TryGetValue(i.InvoiceID!.Value.ToString("D"), out var link)
                && !(LinkDetail.Parse(link.Detail).XeroUpdated is { } seen && i.UpdatedDateUTC <= seen)).ToList();
            readBack.Counts.Polled += fresh.Count;
            if (fresh.Count > 0) await readBack.ApplyAsync(fresh, links, ct);
        }
        await c.Store.SetCursorAsync(c.Name, Cursor, now.ToString("O", CultureInfo.InvariantCulture), ct);
        return true;
    }

    private async Task<DateTimeOffset?> LastAsync(CancellationToken ct) =>
        await c.Store.GetCursorAsync(c.Name, Cursor, ct) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var last) ? last : null;
}
