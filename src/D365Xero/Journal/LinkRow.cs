namespace D365Xero.Journal;

/// <summary>A links row as the SQL providers read and write it, with the SQL they share.</summary>
internal sealed class LinkRow
{
    public const string Select =
        """
        SELECT connection AS Connection, table_name AS TableName, dynamics_id AS DynamicsId, xero_id AS XeroId,
               xero_number AS XeroNumber, payload_hash AS PayloadHash, status AS Status, last_error AS LastError,
               synced_at AS SyncedAt, failed_attempts AS FailedAttempts, detail AS Detail
        FROM links
        """;

    public const string Columns =
        "connection, table_name, dynamics_id, xero_id, xero_number, payload_hash, status, last_error, synced_at, failed_attempts, detail";

    public const string OnConflict =
        """
        ON CONFLICT (connection, table_name, dynamics_id) DO UPDATE SET
            xero_id = excluded.xero_id, xero_number = excluded.xero_number, payload_hash = excluded.payload_hash,
            status = excluded.status, last_error = excluded.last_error, synced_at = excluded.synced_at,
            failed_attempts = excluded.failed_attempts, detail = excluded.detail
        """;

    public string Connection { get; init; } = "";
    public string TableName { get; init; } = "";
    public string DynamicsId { get; init; } = "";
    public string? XeroId { get; init; }
    public string? XeroNumber { get; init; }
    public string? PayloadHash { get; init; }
    public int Status { get; init; }
    public string? LastError { get; init; }
    public long? SyncedAt { get; init; }
    public int FailedAttempts { get; init; }
    public string? Detail { get; init; }

    public static LinkRow From(Link link) => new()
    {
        Connection = link.Connection,
        TableName = link.Table,
        DynamicsId = link.DynamicsId.ToString(),
        XeroId = link.XeroId,
        XeroNumber = link.XeroNumber,
        PayloadHash = link.PayloadHash,
        Status = (int)link.Status,
        LastError = link.LastError,
        SyncedAt = link.SyncedAt?.ToUnixTimeMilliseconds(),
        FailedAttempts = link.FailedAttempts,
        Detail = link.Detail,
    };

    public Link ToLink() => new()
    {
        Connection = Connection,
        Table = TableName,
        DynamicsId = Guid.Parse(DynamicsId),
        XeroId = XeroId,
        XeroNumber = XeroNumber,
        PayloadHash = PayloadHash,
        Status = (SyncStatus)Status,
        LastError = LastError,
        SyncedAt = SyncedAt is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
        FailedAttempts = FailedAttempts,
        Detail = Detail,
    };
}
