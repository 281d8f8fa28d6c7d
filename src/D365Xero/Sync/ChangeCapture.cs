using D365Xero.Journal;
using D365Xero.Source.Dataverse;
using D365Xero.Source.Rows;
using D365Xero.Sync.Steps;
using D365Xero.Tables;
using Microsoft.Extensions.Logging;

namespace D365Xero.Sync;

/// <summary>
/// Reads Dataverse change tracking for each synced table and queues what changed. The first read
/// (no cursor) returns every row: that is the back-fill. The delta link is saved only after the rows
/// before it are queued (Airbyte's rule: advance the checkpoint after the commit). An expired token
/// starts a full read again, which relies on matching, so it duplicates nothing.
/// </summary>
public sealed class ChangeCapture(SyncConnection c)
{
    /// <summary>
    /// In `serve`, how long a change the poll finds waits before it is worked. The poll is the backstop for lost webhooks: most of what
    /// it finds was already worked from its webhook, and queued ready at once it would be claimed in the same batches as the webhooks'
    /// live changes and make them partial. Delayed, it is claimed in batches of its own, which cost no Xero call when nothing changed.
    /// Zero in one-shot runs, where the poll is how changes arrive.
    /// </summary>
    public TimeSpan BackstopDelay { get; set; }

    /// <summary>Changes read by the last capture, per table.</summary>
    public Dictionary<string, long> Read { get; } = [];

    /// <summary>Captures the named tables (tests and tools name one or two).</summary>
    public Task CaptureAsync(IEnumerable<string> tables, CancellationToken ct) => CaptureAsync(tables.Select(t => c.Tables[t]), ct);

    public async Task CaptureAsync(IEnumerable<SyncedTable> tables, CancellationToken ct)
    {
        foreach (var table in tables) await CaptureTableAsync(table, ct);
        await c.Refused.RecheckAsync(ct);
    }

    private async Task CaptureTableAsync(SyncedTable table, CancellationToken ct)
    {
        var cursor = await c.Store.GetCursorAsync(c.Name, table.Name, ct);
        try
        {
            await ReadAsync(table, cursor, ct);
        }
        catch (DeltaTokenExpiredException) when (cursor is not null)
        {
            c.Log.LogWarning("The change-tracking token for {Table} has expired; reading the whole table again (matching prevents duplicates).", table.Name);
            await c.Store.SetCursorAsync(c.Name, table.Name, null, ct);
            await ReadAsync(table, null, ct);
        }
    }

    private async Task ReadAsync(SyncedTable table, string? cursor, CancellationToken ct)
    {
        await foreach (var page in c.Dataverse.ReadChangesAsync(table.EntitySet, table.TrackedSelect, cursor, ct))
        {
            var keys = table.Parent is { } parent
                ? await ParentsOrSelfAsync(table.Name, table.Key, parent, page, ct)
                : page.Changed.Select(row => row.Id(table.Key)).OfType<Guid>().Concat(page.Deleted).Select(id => new WorkKey(table.Name, id)).ToList();
            // A delta behind webhooks is a backstop (BackstopDelay); the first read is the back-fill, worked at once.
            await c.Store.EnqueueAsync(c.Name, keys, ct, cursor is null ? null : BackstopDelay);
            // A delta is a live change; the first read is the back-fill, which has no latency to speak of.
            if (cursor is not null) foreach (var key in keys) c.Clock.Heard(key);
            Read[table.Name] = Read.GetValueOrDefault(table.Name) + page.Changed.Count + page.Deleted.Count;
            if (page.DeltaLink is not null) await c.Store.SetCursorAsync(c.Name, table.Name, page.DeltaLink, ct);
        }
    }

    /// <summary>
    /// A changed child whose row names its parent queues that parent, and the parent it was last placed
    /// under if that differs (what <see cref="ContactFanout"/> and <see cref="OrderLineFanout"/> would
    /// queue, without reading the child again). A child with no such parent, or deleted, is queued itself
    /// for its fan-out step, which marks an orphan and finds a deleted child's parent from its link.
    /// </summary>
    private async Task<List<WorkKey>> ParentsOrSelfAsync(string table, string key, ParentLookup parent, ChangePage page, CancellationToken ct)
    {
        var keys = new HashSet<WorkKey>(page.Deleted.Select(id => new WorkKey(table, id)));
        var placed = new Dictionary<Guid, Guid>();
        foreach (var row in page.Changed)
        {
            if (row.Id(key) is not { } id) continue;
            // parentcustomerid is polymorphic (account or contact): only a parent of the declared table counts.
            if (row.Lookup(parent.Column) is { } p && (p.Table is null || p.Table == parent.Table)) placed[id] = p.Id;
            else keys.Add(new WorkKey(table, id));
        }
        var links = await c.Store.GetLinksAsync(c.Name, table, placed.Keys, ct);
        foreach (var (id, now) in placed)
        {
            keys.Add(new WorkKey(parent.Table, now));
            var detail = LinkDetail.Parse(links.GetValueOrDefault(id)?.Detail);
            if (parent.Previous(detail) is { } before) keys.Add(new WorkKey(parent.Table, before));
            // A child that had a Xero record of its own (an individual customer now under an account) is queued too, to retire it.
            if (parent.HadOwn?.Invoke(detail) == true) keys.Add(new WorkKey(table, id));
        }
        return [.. keys];
    }
}
