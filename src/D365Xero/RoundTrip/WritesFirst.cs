using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.Target.Xero.RateLimiting;
using Microsoft.Extensions.Logging;

namespace D365Xero.RoundTrip;

/// <summary>
/// Rule: docs/product-rules.md#p-read-share — while writes wait, the round trip's reads take at most <c>Xero:ReadShare</c> of the
/// organisation's day (Starter allows 1,000 calls a day: docs/xero-rules.md#x-rate-limits; developer.xero.com/faq/limits). Writes
/// wait while the journal holds rows of a synced table ready to go; the round trip then reads inside <see cref="ReadShare.RoundTrip"/>, and
/// what the gate holds back waits here, deferred (no attempt counted), until the writes are done or the day rolls.
/// </summary>
public static class WritesFirst
{
    /// <summary>How often work held back for the share looks again: the journal has no "until the writes are done", so it asks each minute.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether the journal's look holds rows of a synced table ready to go (held for a fuller batch, or left by a drain the gate
    /// stopped): writes to Xero wait. Rows not yet due (an order waiting for its lines, a retry's backoff, a poll's delayed backstop)
    /// wait for something else than the budget.
    /// </summary>
    public static bool WritesWaiting(SyncConnection c, IReadOnlyDictionary<string, JournalLook> look) =>
        c.Tables.All.Any(t => look.TryGetValue(t.Name, out var l) && l.Ready > 0);

    public static async Task<bool> WritesWaitingAsync(SyncConnection c, CancellationToken ct) =>
        WritesWaiting(c, await c.Store.LookAsync(c.Name, c.Time.GetUtcNow(), ct));

    /// <summary>Whether the day's reads have reached their share: a read that yields to writes would be refused now.</summary>
    public static bool ReadsAtShare(SyncConnection c) => c.Xero.Budget is { } b && b.ReadsInDay >= b.ReadLimit;

    /// <summary>The round trip's reads from here on: they yield to the writes when <paramref name="writesWaiting"/>.</summary>
    public static IDisposable Reads(bool writesWaiting) => ReadShare.RoundTrip(writesWaiting);

    /// <summary>
    /// Puts back <paramref name="items"/> the gate held for the share: not failed, no attempt counted; looked at again after
    /// <see cref="Recheck"/>, or sooner when a read leaves the day.
    /// </summary>
    public static async Task DeferAsync(SyncConnection c, string queue, IReadOnlyList<WorkItem> items, Errors.RemoteApiException held, CancellationToken ct)
    {
        var wait = held.RetryAfter is { } r && r < Recheck ? r : Recheck;
        c.Log.LogDebug("{Count} entries of {Queue} wait for the writes: {Reason}", items.Count, queue, held.Message);
        await c.Store.DeferAsync(items, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, ct);
    }
}
