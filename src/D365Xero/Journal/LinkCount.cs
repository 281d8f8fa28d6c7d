namespace D365Xero.Journal;

/// <summary>How many rows of a table are in each status, for <c>status</c>.</summary>
public sealed record LinkCount(string Table, SyncStatus Status, long Count);
