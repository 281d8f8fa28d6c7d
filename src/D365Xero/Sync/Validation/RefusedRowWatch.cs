using D365Xero.Journal;

namespace D365Xero.Sync.Validation;

/// <summary>
/// Looks again at rows refused before sending, after each capture: the first time in a process every such
/// row is queued again (the mapping may have been fixed since); later, while any remain, the settings
/// are read when their hour is up, and a change queues them again (<see cref="XeroReferenceData"/>'s
/// callback). A connection with no refused rows spends no call on this.
/// </summary>
public sealed class RefusedRowWatch(ISyncStore store, string connection, XeroReferenceData reference)
{
    private int _started;

    public async Task RecheckAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            await RefusedRows.RequeueAsync(store, connection, ct);
            return;
        }
        var refused = await store.GetLinksByStatusAsync(connection, SyncStatus.Error, int.MaxValue, ct);
        if (refused.Any(l => LinkDetail.Parse(l.Detail).RefusedBeforeSend == true)) await reference.GetAsync(ct);
    }
}
