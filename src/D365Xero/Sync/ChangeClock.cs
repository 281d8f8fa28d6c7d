using System.Collections.Concurrent;
using D365Xero.Journal;

namespace D365Xero.Sync;

/// <summary>
/// Change-to-Xero latency: when a change was heard of (webhook or poll), and when its row reached
/// Xero. A contact's change is carried over to the account it re-sends. Kept in memory for the status
/// page and the metrics; a restart forgets it, nothing else depends on it.
/// </summary>
public sealed class ChangeClock(TimeProvider time, int keep = 50)
{
    private readonly ConcurrentDictionary<WorkKey, DateTimeOffset> _heard = new();
    private readonly ConcurrentQueue<SyncedChange> _recent = new();

    /// <summary>Raised for each change that reached Xero (the metrics listen).</summary>
    public event Action<SyncedChange>? Observed;

    public void Heard(WorkKey key) => _heard.TryAdd(key, time.GetUtcNow());

    /// <summary>When Dynamics' webhook last brought a change: while webhooks flow, the poll is only their backstop.</summary>
    public DateTimeOffset? WebhookHeardAt { get; private set; }

    /// <summary>A change came by webhook, now.</summary>
    public void HeardFromWebhook(WorkKey key)
    {
        Heard(key);
        WebhookHeardAt = time.GetUtcNow();
    }

    /// <summary>The earliest time any of <paramref name="from"/> was heard now also dates <paramref name="to"/>.</summary>
    public void CarryOver(IEnumerable<WorkKey> from, IEnumerable<WorkKey> to)
    {
        var earliest = from.Select(k => _heard.TryRemove(k, out var at) ? at : (DateTimeOffset?)null).Min();
        if (earliest is not { } at) return;
        foreach (var key in to) _heard.AddOrUpdate(key, at, (_, old) => old < at ? old : at);
    }

    /// <summary>The rows reached Xero (or were settled) now.</summary>
    public IReadOnlyList<SyncedChange> Synced(IEnumerable<WorkKey> keys)
    {
        var now = time.GetUtcNow();
        var done = new List<SyncedChange>();
        foreach (var key in keys)
        {
            if (!_heard.TryRemove(key, out var at)) continue;
            var change = new SyncedChange(key, at, now - at);
            done.Add(change);
            _recent.Enqueue(change);
            Observed?.Invoke(change);
            while (_recent.Count > keep && _recent.TryDequeue(out _)) { }
        }
        return done;
    }

    public IReadOnlyList<SyncedChange> Recent => _recent.Reverse().ToList();

    public sealed record SyncedChange(WorkKey Key, DateTimeOffset HeardAt, TimeSpan Latency);
}
