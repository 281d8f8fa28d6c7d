namespace D365Xero.Journal;

/// <summary>
/// One table's part of a connection's journal at a look: what waits (claimed or not), what is ready to
/// claim now, how long the oldest ready change has waited, and how many unclaimed entries arrived since a time.
/// </summary>
public sealed record JournalLook(long Pending, long Ready, DateTimeOffset? OldestReady, long Recent);
