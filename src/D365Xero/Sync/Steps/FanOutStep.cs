using D365Xero.Journal;
using D365Xero.Tables;

namespace D365Xero.Sync.Steps;

/// <summary>
/// A child table that travels inside its parent's Xero record sends nothing itself: its work becomes
/// the parent's, for the parent it has now and the one it was last placed under (re-parented or
/// deleted), so both are recomputed whole. A deleted child's parent is known from its link.
/// </summary>
public abstract class FanOutStep(StepServices s, SyncedTable table) : ISyncStep
{
    protected StepServices S { get; } = s;

    /// <summary>Each child row that still exists, with the parent it has now (null for none).</summary>
    protected abstract Task<IReadOnlyDictionary<Guid, Guid?>> ReadParentsAsync(IReadOnlyList<Guid> ids, CancellationToken ct);

    /// <summary>Why a child with no parent, now or before, is left out (said on its row); null when such a child cannot be.</summary>
    protected virtual string? OrphanReason => null;

    /// <summary>Children that exist but have no parent, now or before: the table may say why on their rows.</summary>
    protected virtual Task MarkOrphansAsync(IReadOnlyList<Guid> orphans, CancellationToken ct) => Task.CompletedTask;

    public async Task<IReadOnlyDictionary<Guid, TimeSpan>> WorkAsync(IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        var (parents, orphans) = await ParentsAsync(items.Select(i => i.DynamicsId).Distinct().ToList(), ct);
        // Queue the parents before completing the children: a crash in between repeats this step, harmlessly.
        var keys = parents.Select(p => new WorkKey(table.Parent!.Table, p)).ToList();
        await S.Store.EnqueueAsync(S.Connection, keys, ct);
        S.Clock.CarryOver(items.Select(i => i.Key), keys);
        if (orphans.Count > 0) await MarkOrphansAsync(orphans, ct);
        return new Dictionary<Guid, TimeSpan>();
    }

    /// <summary>The dry run lists the children left out; the rest are planned with their parents.</summary>
    public async Task<IReadOnlyList<PlannedChange>> PreviewAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (OrphanReason is not { } reason) return [];
        var (_, orphans) = await ParentsAsync(ids, ct);
        return orphans.Select(id => new PlannedChange(table.Name, id, null, PlannedAction.Skip, reason)).ToList();
    }

    private async Task<(HashSet<Guid> Parents, List<Guid> Orphans)> ParentsAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var rows = await ReadParentsAsync(ids, ct);
        var links = await S.Store.GetLinksAsync(S.Connection, table.Name, ids, ct);
        var parents = new HashSet<Guid>();
        var orphans = new List<Guid>();
        foreach (var id in ids)
        {
            var now = rows.GetValueOrDefault(id);
            var before = table.Parent!.Previous(LinkDetail.Parse(links.GetValueOrDefault(id)?.Detail));
            if (now is { } current) parents.Add(current);
            if (before is { } previous) parents.Add(previous);
            if (rows.ContainsKey(id) && now is null && before is null) orphans.Add(id);
        }
        return (parents, orphans);
    }
}
