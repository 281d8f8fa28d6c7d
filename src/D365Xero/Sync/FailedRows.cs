using D365Xero.Journal;

namespace D365Xero.Sync;

/// <summary>`retry`, and the status page's retry button: failed rows go back in the queue with a clean slate.</summary>
public static class FailedRows
{
    public static async Task<int> RequeueAsync(ISyncStore store, string connection, CancellationToken ct, IReadOnlyCollection<WorkKey>? only = null)
    {
        var failed = await store.GetLinksByStatusAsync(connection, SyncStatus.Error, int.MaxValue, ct);
        if (only is not null) failed = failed.Where(l => only.Contains(new WorkKey(l.Table, l.DynamicsId))).ToList();
        // Forgetting the hash is what makes an unchanged row count as new work; the Xero id stays, so nothing is duplicated.
        await store.UpsertLinksAsync(failed.Select(l => l with { PayloadHash = null, FailedAttempts = 0, Status = SyncStatus.Pending }), ct);
        await store.EnqueueAsync(connection, failed.Select(l => new WorkKey(l.Table, l.DynamicsId)), ct);
        return failed.Count;
    }
}
