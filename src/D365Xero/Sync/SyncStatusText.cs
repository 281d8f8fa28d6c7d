using D365Xero.Journal;

namespace D365Xero.Sync;

/// <summary>The words a Dynamics user sees in the sync status column.</summary>
public static class SyncStatusText
{
    public static string Of(SyncStatus status) => status switch
    {
        SyncStatus.Synced => "Synced",
        SyncStatus.Pending => "Pending",
        SyncStatus.Error => "Error",
        SyncStatus.Skipped => "Skipped",
        _ => status.ToString(),
    };
}
