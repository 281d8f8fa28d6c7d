using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace D365Xero.Journal.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. SQLite serialises writers, so a claim
/// (select then update) inside one transaction cannot hand the same entry to two workers.
/// A write of many rows is one statement that reads them from a single JSON parameter
/// (<c>json_each</c>), not one statement per row: a back-fill writes every row several times.
/// </summary>
public sealed class SqliteSyncStore(string connectionString, TimeProvider time, Lease? fence = null) : ISyncStore
{
    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public ISyncStore Fenced(Lease lease) => new SqliteSyncStore(connectionString, time, lease);

    /// <summary>
    /// The fence check, first in each write's transaction (see <see cref="LeaseCommands.GuardAsync"/>);
    /// Microsoft.Data.Sqlite begins transactions IMMEDIATE, so no takeover can slip between check and write.
    /// </summary>
    private Task GuardAsync(SqliteConnection db, System.Data.Common.DbTransaction tx, CancellationToken ct) =>
        fence is null ? Task.CompletedTask : LeaseCommands.GuardAsync(db, tx, fence, "", ct);

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        // busy_timeout: another process (a CLI verb beside `serve`) may hold the write lock briefly.
        // WAL is a property of the file, set once by MigrateAsync; these two belong to each connection.
        await connection.ExecuteAsync("PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;");
        return connection;
    }

    public Task MigrateAsync(CancellationToken ct) => MigrateAsync(StoreMigrations.Steps(StoreDialect.Sqlite).Count, ct);

    /// <summary>Brings the schema to <paramref name="version"/> and no further: upgrade tests build each earlier version with it.</summary>
    public async Task MigrateAsync(int version, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        await db.ExecuteAsync("PRAGMA journal_mode=WAL;");
        await db.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        var current = await db.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_version") ?? 0;
        var steps = StoreMigrations.Steps(StoreDialect.Sqlite);
        for (var v = current; v < Math.Min(version, steps.Count); v++)
        {
            await using var tx = await db.BeginTransactionAsync(ct);
            await db.ExecuteAsync(steps[v], transaction: tx);
            await db.ExecuteAsync("INSERT INTO schema_version (version) VALUES (@v)", new { v = v + 1 }, tx);
            await tx.CommitAsync(ct);
        }
    }

    public async Task EnqueueAsync(string connection, IEnumerable<WorkKey> keys, CancellationToken ct, TimeSpan? delay = null)
    {
        var now = Now;
        var availableAt = now + (long)(delay ?? TimeSpan.Zero).TotalMilliseconds;
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        // A row already queued keeps its place (earliest available_at) and gets a new generation,
        // so a worker that holds it now will not delete it on completion. (`WHERE true` tells SQLite's
        // parser that ON CONFLICT belongs to the INSERT, not to a join.)
        await db.ExecuteAsync(
            """
            INSERT INTO journal (connection, table_name, dynamics_id, generation, attempts, available_at, enqueued_at)
            SELECT @connection, value ->> 0, value ->> 1, 1, 0, @availableAt, @now FROM json_each(@keys) WHERE true
            ON CONFLICT (connection, table_name, dynamics_id) DO UPDATE SET
                generation = journal.generation + 1,
                attempts = 0,
                available_at = MIN(journal.available_at, excluded.available_at)
            """,
            new { connection, keys = Json(keys.Select(key => new[] { key.Table, key.DynamicsId.ToString() })), availableAt, now }, tx);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<WorkItem>> ClaimAsync(string connection, string table, int max, TimeSpan lease, string worker, CancellationToken ct)
    {
        var now = Now;
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        var expires = now + (long)lease.TotalMilliseconds;
        var rows = await db.QueryAsync<JournalRow>(
            """
            UPDATE journal SET claimed_by = @worker, claim_expires_at = @expires
            WHERE id IN (
                SELECT id FROM journal
                WHERE connection = @connection AND table_name = @table AND available_at <= @now
                  AND (claimed_by IS NULL OR claim_expires_at <= @now)
                ORDER BY available_at, id
                LIMIT @max)
            RETURNING id AS Id, connection AS Connection, table_name AS TableName, dynamics_id AS DynamicsId,
                      generation AS Generation, attempts AS Attempts, available_at AS AvailableAt
            """,
            new { connection, table, now, max, worker, expires }, tx);
        await tx.CommitAsync(ct);
        // RETURNING gives no order; the queue's is oldest first.
        return rows.OrderBy(r => r.AvailableAt).ThenBy(r => r.Id).Select(r => r.ToItem()).ToList();
    }

    public async Task CompleteAsync(IEnumerable<WorkItem> items, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        // What is left changed while we held it: leave it queued for another pass.
        await db.ExecuteAsync(
            """
            DELETE FROM journal WHERE id IN (
                SELECT j.id FROM json_each(@items) e JOIN journal j ON j.id = e.value ->> 0 AND j.generation = e.value ->> 1);
            UPDATE journal SET claimed_by = NULL, claim_expires_at = NULL WHERE id IN (SELECT value ->> 0 FROM json_each(@items));
            """,
            new { items = Json(items.Select(i => new[] { i.Id, i.Generation })) }, tx);
        await tx.CommitAsync(ct);
    }

    public Task ReleaseAsync(IEnumerable<WorkItem> items, TimeSpan delay, CancellationToken ct) => PutBackAsync(items, delay, 1, ct);

    public Task DeferAsync(IEnumerable<WorkItem> items, TimeSpan delay, CancellationToken ct) => PutBackAsync(items, delay, 0, ct);

    private async Task PutBackAsync(IEnumerable<WorkItem> items, TimeSpan delay, int attempt, CancellationToken ct)
    {
        var availableAt = Now + (long)delay.TotalMilliseconds;
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        await db.ExecuteAsync(
            """
            UPDATE journal SET claimed_by = NULL, claim_expires_at = NULL,
                attempts = attempts + @attempt, available_at = @availableAt
            WHERE id IN (SELECT value FROM json_each(@ids))
            """,
            new { ids = Json(items.Select(item => item.Id)), availableAt, attempt }, tx);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountPendingAsync(string connection, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var rows = await db.QueryAsync<(string Table, long Count)>(
            "SELECT table_name, COUNT(*) FROM journal WHERE connection = @connection GROUP BY table_name", new { connection });
        return rows.ToDictionary(r => r.Table, r => r.Count);
    }

    public async Task<DateTimeOffset?> NextAvailableAsync(string connection, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var next = await db.ExecuteScalarAsync<long?>(
            """
            SELECT MIN(CASE WHEN claimed_by IS NULL THEN available_at ELSE MAX(available_at, claim_expires_at) END)
            FROM journal WHERE connection = @connection
            """, new { connection });
        return next is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task<IReadOnlyDictionary<Guid, Link>> GetLinksAsync(string connection, string table, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, Link>();
        if (ids.Count == 0) return result;
        await using var db = await OpenAsync(ct);
        var rows = await db.QueryAsync<LinkRow>(
            LinkRow.Select + " WHERE connection = @connection AND table_name = @table AND dynamics_id IN (SELECT value FROM json_each(@ids))",
            new { connection, table, ids = Json(ids.Select(i => i.ToString())) });
        foreach (var row in rows) result[Guid.Parse(row.DynamicsId)] = row.ToLink();
        return result;
    }

    public async Task<Link?> FindLinkByXeroIdAsync(string connection, string table, string xeroId, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var row = await db.QueryFirstOrDefaultAsync<LinkRow>(
            LinkRow.Select + " WHERE connection = @connection AND table_name = @table AND xero_id = @xeroId",
            new { connection, table, xeroId });
        return row?.ToLink();
    }

    public async Task UpsertLinksAsync(IEnumerable<Link> links, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        await db.ExecuteAsync(UpsertLinks, new { links = Json(links.Select(LinkRow.From)) }, tx);
        await tx.CommitAsync(ct);
    }

    private const string UpsertLinks =
        $"""
        INSERT INTO links ({LinkRow.Columns})
        SELECT value ->> 'Connection', value ->> 'TableName', value ->> 'DynamicsId', value ->> 'XeroId', value ->> 'XeroNumber',
               value ->> 'PayloadHash', value ->> 'Status', value ->> 'LastError', value ->> 'SyncedAt', value ->> 'FailedAttempts',
               value ->> 'Detail'
        FROM json_each(@links) WHERE true
        {LinkRow.OnConflict}
        """;

    /// <summary>Many rows as one parameter, for <c>json_each</c>.</summary>
    private static string Json<T>(IEnumerable<T> rows) => JsonSerializer.Serialize(rows);

    public async Task<IReadOnlyList<Link>> GetLinksByStatusAsync(string connection, SyncStatus status, int max, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var rows = await db.QueryAsync<LinkRow>(
            LinkRow.Select + " WHERE connection = @connection AND status = @status ORDER BY table_name, dynamics_id LIMIT @max",
            new { connection, status = (int)status, max });
        return rows.Select(r => r.ToLink()).ToList();
    }

    public async Task<IReadOnlyList<LinkCount>> CountLinksAsync(string connection, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        var rows = await db.QueryAsync<(string Table, int Status, long Count)>(
            "SELECT table_name, status, COUNT(*) FROM links WHERE connection = @connection GROUP BY table_name, status",
            new { connection });
        return rows.Select(r => new LinkCount(r.Table, (SyncStatus)r.Status, r.Count)).ToList();
    }

    public async Task<string?> GetCursorAsync(string connection, string table, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        return await db.ExecuteScalarAsync<string?>(
            "SELECT delta_link FROM cursors WHERE connection = @connection AND table_name = @table", new { connection, table });
    }

    public async Task SetCursorAsync(string connection, string table, string? deltaLink, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        await db.ExecuteAsync(
            """
            INSERT INTO cursors (connection, table_name, delta_link, updated_at) VALUES (@connection, @table, @deltaLink, @now)
            ON CONFLICT (connection, table_name) DO UPDATE SET delta_link = excluded.delta_link, updated_at = excluded.updated_at
            """,
            new { connection, table, deltaLink, now = Now }, tx);
        await tx.CommitAsync(ct);
    }

    public async Task<string?> GetSecretAsync(string connection, string name, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        return await db.ExecuteScalarAsync<string?>(
            "SELECT value FROM secrets WHERE connection = @connection AND name = @name", new { connection, name });
    }

    public async Task SetSecretAsync(string connection, string name, string? value, CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await GuardAsync(db, tx, ct);
        await db.ExecuteAsync(
            """
            INSERT INTO secrets (connection, name, value, updated_at) VALUES (@connection, @name, @value, @now)
            ON CONFLICT (connection, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """,
            new { connection, name, value, now = Now }, tx);
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
