namespace D365Xero.Journal;

/// <summary>
/// What the connector knows of one Dynamics row in Xero: its Xero id, the hash of the payload last
/// sent (so an unchanged row, including the echo of our own write-back, is not sent again), its
/// status and the reason it failed.
/// </summary>
public sealed record Link
{
    public required string Connection { get; init; }
    public required string Table { get; init; }
    public required Guid DynamicsId { get; init; }
    public string? XeroId { get; init; }
    /// <summary>Xero's number for the record (invoice number), when it has one.</summary>
    public string? XeroNumber { get; init; }
    public string? PayloadHash { get; init; }
    public SyncStatus Status { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? SyncedAt { get; init; }
    /// <summary>Consecutive failed attempts, for backing off poison rows.</summary>
    public int FailedAttempts { get; init; }
    /// <summary>Free-form JSON a table needs to remember (e.g. an account's last people, an invoice's LineItemIDs).</summary>
    public string? Detail { get; init; }
}
