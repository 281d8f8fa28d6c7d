namespace D365Xero.Journal;

/// <summary>
/// The store's statements, one text for both providers: a <see cref="StoreDialect"/> fills in where
/// they differ. A write of many rows is one statement that reads them from a single JSON parameter,
/// not one statement per row: a back-fill writes every row several times.
/// </summary>
internal sealed class StoreSql
{
    public StoreSql(StoreDialect d)
    {
        var (table, id) = (d.Field("k", "0", "text"), d.Field("k", "1", "text"));
        // A row already queued keeps its place (earliest available_at) and gets a new generation, so a worker
        // that holds it now will not delete it on completion. `WHERE true` tells SQLite's parser that ON CONFLICT
        // belongs to the INSERT, not to a join (https://www.sqlite.org/lang_upsert.html#parsing_ambiguity).
        Enqueue =
            $"""
            INSERT INTO journal (connection, table_name, dynamics_id, generation, attempts, available_at, enqueued_at)
            SELECT @connection, {table}, {id}, 1, 0, @availableAt, @now FROM {d.Rows("@keys", "k")} WHERE true {d.InKeyOrder(table, id)}
            ON CONFLICT (connection, table_name, dynamics_id) DO UPDATE SET
                generation = journal.generation + 1,
                attempts = 0,
                available_at = {d.Least}(journal.available_at, excluded.available_at),
                -- A change that makes a waiting entry (a delayed backstop, a retry's wait) ready sooner arrives now.
                enqueued_at = CASE WHEN excluded.available_at < journal.available_at THEN excluded.enqueued_at ELSE journal.enqueued_at END
            """;
        // RETURNING gives no order (https://www.sqlite.org/lang_returning.html#limitations_and_caveats):
        // AvailableAt comes back so the caller can put the entries in queue order.
        Claim =
            $"""
            UPDATE journal SET claimed_by = @worker, claim_expires_at = @expires
            WHERE id IN (
                SELECT id FROM journal
                WHERE connection = @connection AND table_name = @table AND available_at <= @now
                  AND (claimed_by IS NULL OR claim_expires_at <= @now)
                ORDER BY available_at, id
                LIMIT @max {d.ClaimLock})
            RETURNING id AS Id, connection AS Connection, table_name AS TableName, dynamics_id AS DynamicsId,
                      generation AS Generation, attempts AS Attempts, available_at AS AvailableAt, enqueued_at AS EnqueuedAt
            """;
        var (itemId, itemGeneration) = (d.Field("e", "0", "bigint"), d.Field("e", "1", "bigint"));
        var itemIds = $"SELECT {itemId} FROM {d.Rows("@items", "e")}";
        // Only entries whose generation is unchanged go. If our claim ran out and another worker took the entry,
        // both may have processed it: the sync steps are written to run twice, and whichever completes first
        // removes the entry. What is left changed while we held it: it stays queued for another pass.
        Complete =
            $"""
            {d.LockEntries(itemIds)}
            DELETE FROM journal WHERE id IN (
                SELECT j.id FROM {d.Rows("@items", "e")} JOIN journal j ON j.id = {itemId} AND j.generation = {itemGeneration});
            UPDATE journal SET claimed_by = NULL, claim_expires_at = NULL WHERE id IN ({itemIds});
            """;
        var ids = $"SELECT {d.Field("e", null, "bigint")} FROM {d.Rows("@ids", "e")}";
        PutBack =
            $"""
            {d.LockEntries(ids)}
            UPDATE journal SET claimed_by = NULL, claim_expires_at = NULL,
                attempts = attempts + @attempt, available_at = @availableAt
            WHERE id IN ({ids})
            """;
        NextAvailable =
            $"""
            SELECT MIN(CASE WHEN claimed_by IS NULL THEN available_at ELSE {d.Greatest}(available_at, claim_expires_at) END)
            FROM journal WHERE connection = @connection
            """;
        GetLinks = LinkRow.Select +
            $" WHERE connection = @connection AND table_name = @table AND dynamics_id IN (SELECT {d.Field("i", null, "text")} FROM {d.Rows("@ids", "i")})";
        GetLinksByXeroIds = LinkRow.Select +
            $" WHERE connection = @connection AND table_name = @table AND xero_id IN (SELECT {d.Field("i", null, "text")} FROM {d.Rows("@ids", "i")})";
        string Link(string field, string type) => d.Field("l", $"'{field}'", type);
        UpsertLinks =
            $"""
            INSERT INTO links ({LinkRow.Columns})
            SELECT {Link("Connection", "text")}, {Link("TableName", "text")}, {Link("DynamicsId", "text")}, {Link("XeroId", "text")},
                   {Link("XeroNumber", "text")}, {Link("PayloadHash", "text")}, {Link("Status", "integer")}, {Link("LastError", "text")},
                   {Link("SyncedAt", "bigint")}, {Link("FailedAttempts", "integer")}, {Link("Detail", "text")}
            FROM {d.Rows("@links", "l")} WHERE true
            {LinkRow.OnConflict}
            """;
    }

    /// <summary>Parameters: connection, keys (a JSON array of [table, id]), availableAt, now.</summary>
    public string Enqueue { get; }

    /// <summary>Parameters: connection, table, now, max, worker, expires.</summary>
    public string Claim { get; }

    /// <summary>Parameters: items (a JSON array of [id, generation]).</summary>
    public string Complete { get; }

    /// <summary>Parameters: ids (a JSON array of ids), availableAt, attempt (1 counts an attempt, 0 not).</summary>
    public string PutBack { get; }

    public string NextAvailable { get; }

    /// <summary>Parameters: connection, table, ids (a JSON array of Dynamics ids).</summary>
    public string GetLinks { get; }

    /// <summary>Parameters: connection, table, ids (a JSON array of Xero ids).</summary>
    public string GetLinksByXeroIds { get; }

    /// <summary>Parameters: links (a JSON array of <see cref="LinkRow"/>).</summary>
    public string UpsertLinks { get; }

    public const string CountPending = "SELECT table_name, COUNT(*) FROM journal WHERE connection = @connection GROUP BY table_name";

    /// <summary>Parameters: connection, now, since (Unix ms). Per table: entries, entries ready now, the oldest ready one's enqueue time, unclaimed entries enqueued ready (not delayed, not put back) after <c>since</c>.</summary>
    public const string Look =
        """
        SELECT table_name AS TableName, COUNT(*) AS Pending,
               SUM(CASE WHEN available_at <= @now AND (claimed_by IS NULL OR claim_expires_at <= @now) THEN 1 ELSE 0 END) AS Ready,
               MIN(CASE WHEN available_at <= @now AND (claimed_by IS NULL OR claim_expires_at <= @now) THEN enqueued_at END) AS OldestReady,
               SUM(CASE WHEN claimed_by IS NULL AND enqueued_at > @since AND available_at <= enqueued_at THEN 1 ELSE 0 END) AS Recent
        FROM journal WHERE connection = @connection GROUP BY table_name
        """;

    public const string FindLinkByXeroId = LinkRow.Select + " WHERE connection = @connection AND table_name = @table AND xero_id = @xeroId";

    public const string LinksByStatus =
        LinkRow.Select + " WHERE connection = @connection AND status = @status ORDER BY table_name, dynamics_id LIMIT @max";

    public const string CountLinks = "SELECT table_name, status, COUNT(*) FROM links WHERE connection = @connection GROUP BY table_name, status";

    public const string GetCursor = "SELECT delta_link FROM cursors WHERE connection = @connection AND table_name = @table";

    public const string SetCursor =
        """
        INSERT INTO cursors (connection, table_name, delta_link, updated_at) VALUES (@connection, @table, @deltaLink, @now)
        ON CONFLICT (connection, table_name) DO UPDATE SET delta_link = excluded.delta_link, updated_at = excluded.updated_at
        """;

    public const string GetSecret = "SELECT value FROM secrets WHERE connection = @connection AND name = @name";

    /// <summary>One statement: a reader sees the old value or the new one.</summary>
    public const string SetSecret =
        """
        INSERT INTO secrets (connection, name, value, updated_at) VALUES (@connection, @name, @value, @now)
        ON CONFLICT (connection, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
        """;

    public const string CreateSchemaVersion = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";

    public const string SchemaVersion = "SELECT MAX(version) FROM schema_version";

    public const string AddSchemaVersion = "INSERT INTO schema_version (version) VALUES (@v)";
}
