using D365Xero.Journal;

namespace D365Xero.Reconcile;

/// <summary>
/// `reconcile --fix`: Dynamics' version goes to Xero again through the normal pipeline (batched, matched, written back),
/// not a side channel. Each fixable record's link forgets the hash of the payload last sent, so the step no longer finds
/// it unchanged, and its row is queued; a record Xero no longer has forgets its Xero id too, so it is matched by its
/// natural key (ContactNumber, item Code) or created again. A duplicate name is left to a person.
/// </summary>
public static class ReconcileFix
{
    /// <returns>The rows queued.</returns>
    public static async Task<IReadOnlyList<WorkKey>> QueueAsync(ISyncStore store, ReconcileReport report, CancellationToken ct)
    {
        var fixes = report.Findings.Where(f => f.Fixable).GroupBy(f => (f.Table, f.DynamicsId)).Select(g => g.First()).ToList();
        foreach (var table in fixes.GroupBy(f => f.Table))
        {
            var links = await store.GetLinksAsync(report.Connection, table.Key, table.Select(f => f.DynamicsId).ToList(), ct);
            await store.UpsertLinksAsync(table.Select(f => links.GetValueOrDefault(f.DynamicsId) is { } link
                ? f.Kind == DriftKind.MissingInXero ? link with { PayloadHash = null, XeroId = null, XeroNumber = null } : link with { PayloadHash = null }
                : null).OfType<Link>().ToList(), ct);
        }
        var keys = fixes.Select(f => new WorkKey(f.Table, f.DynamicsId)).ToList();
        await store.EnqueueAsync(report.Connection, keys, ct);
        return keys;
    }
}
