using System.Globalization;
using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;
using D365Xero.Target.Xero.RateLimiting;
using Microsoft.Extensions.Logging;

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

    public TimeSpan Interval => c.Options.InvoicePollInterval
        ?? (string.IsNullOrEmpty(c.Xero.Options.WebhookKey) ? TimeSpan.FromMinutes(15) : TimeSpan.FromHours(2));

    /// <summary>When the next look is due (now when there was none).</summary>
    public async Task<DateTimeOffset> NextAsync(CancellationToken ct) =>
        await LastAsync(ct) is { } last ? last + Interval : c.Time.GetUtcNow();

    /// <summary>When Xero was last asked; null before the first poll, which only marks the time.</summary>
    public Task<DateTimeOffset?> LastLookAsync(CancellationToken ct) => LastAsync(ct);

    /// <summary>Looks when due; true when it looked.</summary>
    public async Task<bool> PollIfDueAsync(CancellationToken ct)
    {
        var now = c.Time.GetUtcNow();
        var last = await LastAsync(ct);
        if (last is { } l && now < l + Interval) return false;
        if (last is null)
        {
            // The first poll only marks the time: what the connector created it knows from Xero's answers, and looking back over a
            // back-fill would read every invoice it just wrote (20 calls and their memory for 20,000). An invoice changed in Xero before
            // this shows on its order at its next change.
            await MarkAsync(now, ct);
            return false;
        }
        if (!(await c.Store.CountLinksAsync(c.Name, ct)).Any(l => l.Table == SyncedTables.Order.Name && l.Count > 0))
        {
            // No order has reached Xero: nothing to look for, no call spent.
            await MarkAsync(now, ct);
            return false;
        }
        // Rule: docs/product-rules.md#p-read-share — while writes wait, the poll keeps to the reads' share of the day: once it is
        // taken the poll skips (its last look stays, so the next one covers the gap), and it stops where the gate holds it.
        var writesWaiting = await WritesFirst.WritesWaitingAsync(c, ct);
        if (writesWaiting && WritesFirst.ReadsAtShare(c))
        {
            c.Log.LogDebug("The invoice poll waits for the writes: reads have taken their share of today's Xero calls (Xero:ReadShare).");
            return false;
        }
        using var reads = WritesFirst.Reads(writesWaiting);
        try
        {
            await LookAsync(last.Value - Overlap, ct);
        }
        catch (Errors.RemoteApiException e) when (ReadShare.IsHeld(e))
        {
            c.Log.LogDebug("The invoice poll stopped for the writes: {Reason}", e.Message);
            return false;
        }
        await MarkAsync(now, ct);
        return true;
    }

    private async Task LookAsync(DateTimeOffset since, CancellationToken ct)
    {
        // A page at a time: however many changed, only one batch is held.
        var page = new List<XeroInvoice>(EventQueueRunner.BatchSize);
        await foreach (var invoice in c.Xero.GetInvoicesModifiedSinceAsync(since, ct))
        {
            if (invoice.InvoiceID is null) continue;
            page.Add(invoice);
            if (page.Count < EventQueueRunner.BatchSize) continue;
            await ApplyAsync(page, ct);
            page.Clear();
        }
        if (page.Count > 0) await ApplyAsync(page, ct);
    }

    /// <summary>Writes those the connector created and whose change it has not seen yet; the rest (our own writes, others' invoices) cost nothing more.</summary>
    private async Task ApplyAsync(IReadOnlyList<XeroInvoice> changed, CancellationToken ct)
    {
        var links = await c.Store.GetLinksByXeroIdsAsync(c.Name, SyncedTables.Order.Name, changed.Select(i => i.InvoiceID!.Value.ToString("D")).ToList(), ct);
        var fresh = changed.Where(i => links.TryGetValue(i.InvoiceID!.Value.ToString("D"), out var link)
            && !XeroEchoFilter.IsSeen(link, i.UpdatedDateUTC)).ToList();
        if (fresh.Count > 0) await readBack.ApplyAsync(fresh, links, ct);
    }

    // The last look, read from the store once: the worker asks on every wake-up, and only this poll moves it.
    private DateTimeOffset? _last;
    private bool _lastRead;

    private async Task<DateTimeOffset?> LastAsync(CancellationToken ct)
    {
        if (_lastRead) return _last;
        _last = await c.Store.GetCursorAsync(c.Name, Cursor, ct) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var last) ? last : null;
        _lastRead = true;
        return _last;
    }

    private async Task MarkAsync(DateTimeOffset now, CancellationToken ct)
    {
        await c.Store.SetCursorAsync(c.Name, Cursor, now.ToString("O", CultureInfo.InvariantCulture), ct);
        (_last, _lastRead) = (now, true);
    }
}
