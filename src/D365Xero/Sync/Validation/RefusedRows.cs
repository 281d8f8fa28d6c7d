using D365Xero.Journal;

namespace D365Xero.Sync.Validation;

/// <summary>
/// Rows refused before sending (a value Xero's settings do not allow) go back in the queue when those
/// settings change, and once per process start (the mapping may have been fixed): planning them again
/// costs no Xero call, and a row that now passes is sent by itself.
/// </summary>
public static class RefusedRows
{
    public static async Task<int> RequeueAsync(ISyncStore store, string connection, CancellationToken ct)
    {
        var refused = (await store.GetLinksByStatusAsync(connection, SyncStatus.Error, int.MaxValue, ct))
            .Where(l => LinkDetail.Parse(l.Detail).RefusedBeforeSend == true).ToList();
        if (refused.Count > 0) await store.EnqueueAsync(connection, refused.Select(l => new WorkKey(l.Table, l.DynamicsId)), ct);
        return refused.Count;
    }
}
