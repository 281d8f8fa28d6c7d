using Dapper;
using Npgsql;

namespace D365Xero.Journal.Postgres;

/// <summary>
/// The shared store for several instances of the connector. A claim takes its rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so instances claiming together each get different entries and
/// never wait on one another; a claim is a lease, as in the SQLite store, so the entries of an
/// instance that dies become visible again when the lease runs out. Times come from the
/// <see cref="TimeProvider"/> of each instance (Unix milliseconds, as in the SQLite store): keep
/// the instances' clocks in step, as leases are compared against them.
/// </summary>
public sealed class PostgresSyncStore(string connectionString, TimeProvider time, Lease? fence = null) : ISyncStore
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public ISyncStore Fenced(Lease lease) => new PostgresSyncStore(connectionString, time, lease);

    /// <summary>The fence check, first in each write's transaction (see <see cref="LeaseCommands.GuardAsync"/>).</summary>
    private Task GuardAsync(NpgsqlConnection db, NpgsqlTransaction tx, CancellationToken ct) =>
        fence is null ? Task.CompletedTask : LeaseCommands.GuardAsync(db, tx, fence, "FOR SHARE", ct);

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static CommandDefinition Command(string sql, object? parameters, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        new(sql, parameters, tx, cancellationToken: ct);

    public Task MigrateAsync(CancellationToken ct) => MigrateAsync(StoreMigrations.Steps(StoreDialect.Postgres).Count, ct);

    /// <summary>Brings the schema to <paramref name="version"/> and no further: upgrade tests build each earlier version with it.</summary>
    public async Task MigrateAsync(int version, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        // Instances starting together queue here, one per schema; the lock ends with the transaction.
        // DDL is transactional in PostgreSQL, so an instance that dies mid-step leaves no half step.
        await db.ExecuteAsync(Command(
            "SELECT pg_advisory_xact_lock(hashtext('d365xero.migrate:' || current_schema()))", null, ct, tx));
        await db.ExecuteAsync(Command("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", null, ct, tx));
        var current = await db.ExecuteScalarAsync<int?>(Command("SELECT MAX(version) FROM schema_version", null, ct, tx)) ?? 0;
        var steps = StoreMigrations.Steps(StoreDialect.Postgres);
        for (var v = current; v < Math.Min(version, steps.Count); v++)
        {
            await db.ExecuteAsync(Command(steps[v], null, ct, tx));
            await db.ExecuteAsync(Command("INSERT INTO schema_version (version) VALUES (@v)", new { v = v + 1 }, ct, tx));
        }
        await tx.CommitAsync(ct);
    }

    public async Task EnqueueAsync(string connection, IEnumerable<WorkKey> keys, CancellationToken ct, TimeSpan? delay = null)
    {
        // One key named twice in a call is one change: ON CONFLICT may touch a row once per statement.
        var distinct = keys.Distinct()
            .OrderBy(k => k.Table, StringComparer.Ordinal).ThenBy(k => k.DynamicsId.ToString(), StringComparer.Ordinal)
            .ToList();
        if (distinct.Count == 0) return;
        var now = Now;
        var availableAt = now + (long)(delay ?? TimeSpan.Zero).TotalMilliseconds;
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        // A row already queued keeps its place (earliest available_at) and gets a new generation,
        // so a worker that holds it now will not delete it on completion. Rows are locked in key
        // order (see LockInKeyOrderAsync), so overlapping writers wait for each other instead of deadlocking.
        await db.ExecuteAsync(Command(
            """
            INSERT INTO journal (connection, table_name, dynamics_id, generation, attempts, available_at, enqueued_at)
            SELECT @connection, k.table_name, k.dynamics_id, 1, 0, @availableAt, @now
            FROM unnest(@tables, @ids) WITH ORDINALITY AS k(table_name, dynamics_id, n)
            ORDER BY k.n
            ON CONFLICT (connection, table_name, dynamics_id) DO UPDATE SET
                generation = journal.generation + 1,
                attempts = 0,
                available_at = LEAST(journal.available_at, excluded.available_at)
            """,
            new
            {
                connection,
                tables = distinct.Select(k => k.Table).ToArray(),
                ids = distinct.Select(k => k.DynamicsId.ToString()).ToArray(),
                availableAt,
                now,
            }, ct, tx));
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Locks the given entries in the order <see cref="EnqueueAsync"/> writes them (connection, table,
    /// id; byte order, whatever the database's collation), so a completion or release and an enqueue
    /// touching the same rows take their locks in one order and never deadlock.
    /// </summary>
    private static Task LockInKeyOrderAsync(NpgsqlConnection db, long[] ids, NpgsqlTransaction tx, CancellationToken ct) =>
        db.ExecuteAsync(Command(
            """
            SELECT id FROM journal WHERE id = ANY(@ids)
            ORDER BY connection COLLATE "C", table_name COLLATE "C", dynamics_id COLLATE "C"
            FOR UPDATE
            """, new { ids }, ct, tx));

    public async Task<IReadOnlyList<WorkItem>> ClaimAsync(string connection, string table, int max, TimeSpan lease, string worker, CancellationToken ct)
    {
        var now = Now;
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        // SKIP LOCKED: rows another instance is claiming right now are passed over, not waited for;
        // once its claim commits they carry a live lease and are not ours to take anyway.
        var rows = await db.QueryAsync<JournalRow>(Command(
            """
            WITH claimed AS (
                UPDATE journal SET claimed_by = @worker, claim_expires_at = @expires
                WHERE id IN (
                    SELECT id FROM journal
                    WHERE connection = @connection AND table_name = @table AND available_at <= @now
                      AND (claimed_by IS NULL OR claim_expires_at <= @now)
                    ORDER BY available_at, id
                    LIMIT @max
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, connection, table_name, dynamics_id, generation, attempts, available_at)
            SELECT id AS Id, connection AS Connection, table_name AS TableName, dynamics_id AS DynamicsId,
                   generation AS Generation, attempts AS Attempts
            FROM claimed
            ORDER BY available_at, id
            """,
            new { connection, table, now, max, worker, expires = now + (long)lease.TotalMilliseconds }, ct, tx));
        var items = rows.Select(r => r.ToItem()).ToList();
        await tx.CommitAsync(ct);
        return items;
    }

    public async Task CompleteAsync(IEnumerable<WorkItem> items, CancellationToken ct)
    {
        var done = items.ToList();
        if (done.Count == 0) return;
        var ids = done.Select(i => i.Id).ToArray();
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        await LockInKeyOrderAsync(db, ids, tx, ct);
        // Only entries whose generation is unchanged go. If our lease ran out and another worker
        // took the entry, both may have processed it: the sync steps are written to run twice
        // (see AccountSync's checkpoints), and whichever completes first removes the entry.
        await db.ExecuteAsync(Command(
            """
            DELETE FROM journal j
            USING unnest(@ids, @generations) AS d(id, generation)
            WHERE j.id = d.id AND j.generation = d.generation
            """,
            new { ids, generations = done.Select(i => i.Generation).ToArray() }, ct, tx));
        // What is left changed while we held it: leave it queued for another pass.
        await db.ExecuteAsync(Command(
            "UPDATE journal SET claimed_by = NULL, claim_expires_at = NULL WHERE id = ANY(@ids)", new { ids }, ct, tx));
        await tx.CommitAsync(ct);
    }

    public Task ReleaseAsync(IEnumerable<WorkItem> items, TimeSpan delay, CancellationToken ct) => PutBackAsync(items, delay, 1, ct);

    public Task DeferAsync(IEnumerable<WorkItem> items, TimeSpan delay, CancellationToken ct) => PutBackAsync(items, delay, 0, ct);

    private async Task PutBackAsync(IEnumerable<WorkItem> items, TimeSpan delay, int attempt, CancellationToken ct)
    {
        var ids = items.Select(i => i.Id).ToArray();
        if (ids.Length == 0) return;
        var availableAt = Now + (long)delay.TotalMilliseconds;
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        await LockInKeyOrderAsync(db, ids, tx, ct);
        await db.ExecuteAsync(Command(
            """
            UPDATE journal SET claimed_by = NULL, claim_expires_at = NULL,
                attempts = attempts + @attempt, available_at = @availableAt
            WHERE id = ANY(@ids)
            """,
            new { ids, availableAt, attempt }, ct, tx));
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountPendingAsync(string connection, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var rows = await db.QueryAsync<(string Table, long Count)>(Command(
            "SELECT table_name, COUNT(*) FROM journal WHERE connection = @connection GROUP BY table_name", new { connection }, ct));
        return rows.ToDictionary(r => r.Table, r => r.Count);
    }

    public async Task<DateTimeOffset?> NextAvailableAsync(string connection, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var next = await db.ExecuteScalarAsync<long?>(Command(
            """
            SELECT MIN(CASE WHEN claimed_by IS NULL THEN available_at ELSE GREATEST(available_at, claim_expires_at) END)
            FROM journal WHERE connection = @connection
            """, new { connection }, ct));
        return next is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task<IReadOnlyDictionary<Guid, Link>> GetLinksAsync(string connection, string table, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, Link>();
        if (ids.Count == 0) return result;
        await using var db = await OpenAsync(ct);
        // One array parameter, however many ids: no chunking needed as with SQLite's IN list.
        var rows = await db.QueryAsync<LinkRow>(Command(
            LinkRow.Select + " WHERE connection = @connection AND table_name = @table AND dynamics_id = ANY(@ids)",
            new { connection, table, ids = ids.Select(i => i.ToString()).ToArray() }, ct));
        foreach (var row in rows) result[Guid.Parse(row.DynamicsId)] = row.ToLink();
        return result;
    }

    public async Task<Link?> FindLinkByXeroIdAsync(string connection, string table, string xeroId, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var row = await db.QueryFirstOrDefaultAsync<LinkRow>(Command(
            LinkRow.Select + " WHERE connection = @connection AND table_name = @table AND xero_id = @xeroId",
            new { connection, table, xeroId }, ct));
        return row?.ToLink();
    }

    public async Task UpsertLinksAsync(IEnumerable<Link> links, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        foreach (var link in links)
        {
            await db.ExecuteAsync(Command(LinkRow.Upsert, LinkRow.From(link), ct, tx));
        }
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<Link>> GetLinksByStatusAsync(string connection, SyncStatus status, int max, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var rows = await db.QueryAsync<LinkRow>(Command(
            LinkRow.Select + " WHERE connection = @connection AND status = @status ORDER BY table_name, dynamics_id LIMIT @max",
            new { connection, status = (int)status, max }, ct));
        return [.. rows.Select(r => r.ToLink())];
    }

    public async Task<IReadOnlyList<LinkCount>> CountLinksAsync(string connection, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var rows = await db.QueryAsync<(string Table, int Status, long Count)>(Command(
            "SELECT table_name, status, COUNT(*) FROM links WHERE connection = @connection GROUP BY table_name, status",
            new { connection }, ct));
        return [.. rows.Select(r => new LinkCount(r.Table, (SyncStatus)r.Status, r.Count))];
    }

    public async Task<string?> GetCursorAsync(string connection, string table, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        return await db.ExecuteScalarAsync<string?>(Command(
            "SELECT delta_link FROM cursors WHERE connection = @connection AND table_name = @table", new { connection, table }, ct));
    }

    public async Task SetCursorAsync(string connection, string table, string? deltaLink, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        await db.ExecuteAsync(Command(
            """
            INSERT INTO cursors (connection, table_name, delta_link, updated_at) VALUES (@connection, @table, @deltaLink, @now)
            ON CONFLICT (connection, table_name) DO UPDATE SET delta_link = excluded.delta_link, updated_at = excluded.updated_at
            """,
            new { connection, table, deltaLink, now = Now }, ct, tx));
        await tx.CommitAsync(ct);
    }

    public async Task<string?> GetSecretAsync(string connection, string name, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        return await db.ExecuteScalarAsync<string?>(Command(
            "SELECT value FROM secrets WHERE connection = @connection AND name = @name", new { connection, name }, ct));
    }

    public async Task SetSecretAsync(string connection, string name, string? value, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        // One statement: a reader sees the old value or the new one.
        await db.ExecuteAsync(Command(
            """
            INSERT INTO secrets (connection, name, value, updated_at) VALUES (@connection, @name, @value, @now)
            ON CONFLICT (connection, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """,
            new { connection, name, value, now = Now }, ct, tx));
        await tx.CommitAsync(ct);
    }

    public async Task<Lease?> TryAcquireLeaseAsync(string connection, string holder, TimeSpan duration, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        return await LeaseCommands.TryAcquireAsync(db, connection, holder, duration, Now, ct);
    }

    public async Task<Lease?> RenewLeaseAsync(Lease lease, TimeSpan duration, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        return await LeaseCommands.RenewAsync(db, lease, duration, Now, ct);
    }

    public async Task ReleaseLeaseAsync(Lease lease, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        await LeaseCommands.ReleaseAsync(db, lease, ct);
    }

    public async Task<IReadOnlyList<LeaseState>> ReadLeasesAsync(CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        return await LeaseCommands.ReadAsync(db, ct);
    }

    public async Task<int> AnnounceInstanceAsync(string holder, TimeSpan liveFor, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        return await LeaseCommands.AnnounceAsync(db, holder, liveFor, Now, ct);
    }

    public async Task RetireInstanceAsync(string holder, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        await LeaseCommands.RetireAsync(db, holder, ct);
    }
}
