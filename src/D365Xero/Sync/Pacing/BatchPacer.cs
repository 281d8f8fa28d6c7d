using D365Xero.Journal;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.RateLimiting;

namespace D365Xero.Sync.Pacing;

/// <summary>
/// When `serve` sends a table's ready rows to Xero. A write costs one call whether it carries one row or
/// <see cref="XeroOptions.BatchSize"/>, and Xero counts calls: 60 a minute and, on the Starter tier, 1,000 a day
/// per organisation (docs/xero-rules.md#x-rate-limits). So:
/// <list type="bullet">
/// <item>a full batch goes at once;</item>
/// <item>fewer rows go at once while the budget carries one call per change: changes arrive slower than the minute's
/// pace and what is left of the minute covers the next sixth of a minute of them; a trickle keeps its sub-second
/// latency;</item>
/// <item>otherwise (a burst, a sustained stream, a minute nearly spent, the last tenth of the day) they wait for a
/// fuller batch, and go when it is full or when the oldest of them has waited <c>Sync:MaxBatchWait</c>.</item>
/// </list>
/// The arrival rate is read from the journal: entries enqueued ready over the last <see cref="RateHorizon"/>, whether still
/// waiting or already claimed by this worker (a retry, a row waiting for a dependency, a poll's backstop row is not an arrival). `sync --once` and `backfill` do not pace: everything they will send is
/// queued before they start.
/// </summary>
public sealed class BatchPacer(TimeProvider time, TimeSpan maxWait, XeroOptions xero, Func<RateBudget> budget)
{
    /// <summary>How far back arrivals are counted for the rate.</summary>
    public static readonly TimeSpan RateHorizon = TimeSpan.FromSeconds(10);

    /// <summary>The share of the minute's pace (60 calls a minute: one a second) at which changes may arrive and still go one call each.</summary>
    public const double SustainableShare = 0.9;

    /// <summary>Calls of the minute kept for full batches: with fewer left, even a trickle waits for a fuller batch.</summary>
    public const int MinuteReserve = 5;

    /// <summary>Below this share of the day's budget left, every partial batch waits its full <c>Sync:MaxBatchWait</c>.</summary>
    public const double DayReserve = 0.1;

    /// <summary>While the minute is spent, how soon a held partial batch is looked at again.</summary>
    public static readonly TimeSpan SpentMinuteRecheck = TimeSpan.FromSeconds(1);

    private readonly object _lock = new();
    // Per table, the enqueue times of entries this worker claimed within the horizon: they left the journal's count of recent arrivals.
    private readonly Dictionary<string, Queue<DateTimeOffset>> _claimed = new(StringComparer.Ordinal);

    public TimeSpan MaxWait => maxWait;

    /// <summary>The time from which the journal's look counts recent arrivals.</summary>
    public DateTimeOffset RecentSince() => time.GetUtcNow() - RateHorizon;

    /// <summary>Notes the entries a claim took, so they still count as arrivals while within the horizon.</summary>
    public void Claimed(string table, IEnumerable<WorkItem> items)
    {
        var since = RecentSince();
        lock (_lock)
        {
            if (!_claimed.TryGetValue(table, out var queue)) _claimed[table] = queue = new Queue<DateTimeOffset>();
            foreach (var item in items)
            {
                if (item.EnqueuedAt > since && item.Arrived) queue.Enqueue(item.EnqueuedAt);
            }
        }
    }

    /// <summary>Rows a second arriving for <paramref name="table"/> over the horizon.</summary>
    public double ArrivalRate(string table, JournalLook look)
    {
        var since = RecentSince();
        var claimed = 0;
        lock (_lock)
        {
            if (_claimed.TryGetValue(table, out var queue))
            {
                // Claims come in enqueue order only roughly (retries, lanes): drop from the front while old, count the rest.
                while (queue.TryPeek(out var at) && at <= since) queue.Dequeue();
                claimed = queue.Count(at => at > since);
            }
        }
        return (look.Recent + claimed) / RateHorizon.TotalSeconds;
    }

    /// <summary>
    /// What <paramref name="table"/> sends now, given every Xero-writing table's look (<paramref name="writing"/>):
    /// their arrivals together are what the organisation's budget must carry.
    /// </summary>
    public Pace Decide(string table, IReadOnlyDictionary<string, JournalLook> writing, int batchSize)
    {
        if (!writing.TryGetValue(table, out var look) || look.Ready == 0) return new Pace(0, null);
        var full = (int)(look.Ready / batchSize);
        if (look.Ready % batchSize == 0) return new Pace(full, null);
        // Full batches go now; the rest is decided on the next look, by its own oldest row.
        if (full > 0) return new Pace(full, null);
        var now = time.GetUtcNow();
        var oldest = look.OldestReady ?? now;
        if (maxWait <= TimeSpan.Zero) return new Pace(1, null);
        // The minute is spent: a partial batch claimed now would only queue at the rate gate while more rows arrive that
        // could have gone with it. Look again in a moment (or when a webhook wakes the worker); full batches still go.
        if (budget().MinuteRemaining <= 0) return new Pace(0, now + SpentMinuteRecheck);
        if (now - oldest >= maxWait) return new Pace(1, null);
        if (!Contended(writing)) return new Pace(1, null);
        return new Pace(0, oldest + maxWait);
    }

    /// <summary>
    /// True when sending changes one call each would strain the organisation's budget: they arrive faster than
    /// <see cref="SustainableShare"/> of the minute's pace, or what is left of the minute would not carry the horizon's worth of
    /// them over a sixth of the minute (10 s at Xero's real minute; at least <see cref="MinuteReserve"/>), or the day is in its last tenth.
    /// </summary>
    private double CoverSeconds => xero.MinuteWindow.TotalSeconds / 6;

    public bool Contended(IReadOnlyDictionary<string, JournalLook> writing)
    {
        var perSecond = xero.MinuteLimit / xero.MinuteWindow.TotalSeconds;
        var arriving = writing.Sum(t => ArrivalRate(t.Key, t.Value));
        if (arriving > SustainableShare * perSecond) return true;
        var left = budget();
        return left.MinuteRemaining < Math.Max(arriving * CoverSeconds, MinuteReserve)
            || left.DayRemaining < DayReserve * xero.DayLimit;
    }
}
