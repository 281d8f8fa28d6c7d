namespace D365Xero.Journal;

/// <summary>The sync state of one Dynamics row, as shown in its <c>xero_syncstatus</c> column.</summary>
public enum SyncStatus
{
    Pending = 0,
    Synced = 1,
    Error = 2,
    Skipped = 3,
}
