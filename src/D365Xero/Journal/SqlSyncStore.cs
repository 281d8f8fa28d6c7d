using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace D365Xero.Journal;

/// <summary>
/// The store on SQLite (<see cref="StoreDialect.Sqlite"/>, embedded, the default) or PostgreSQL
/// (<see cref="StoreDialect.Postgres"/>, shared by several instances): one implementation, the
/// <paramref name="dialect"/> filling in where the two differ. A claim is a lease: the entries of an
/// instance that dies become visible again when it runs out. Times come from the <see cref="TimeProvider"/>
/// (Unix milliseconds): instances sharing a store must keep their clocks in step, as leases are compared
/// against them. Every call passes its token to the database (Dapper's <see cref="CommandDefinition"/>).
/// </summary>
public sealed class SqlSyncStore(StoreDialect dialect, string connectionString, TimeProvider time, Lease? fence = null) : ISyncStore
{
    private StoreSql Sql => dialect.Sql;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public ISyncStore Fenced(Lease lease) => new SqlSyncStore(dialect, connectionString, time, lease);

    public Task MigrateAsync(CancellationToken ct) => MigrateAsync(StoreMigrations.Steps(dialect).Count, ct);

    /// <summary>
    /// Brings the schema to <paramref name="version"/> and no further: upgrade tests build each earlier version
    /// with it. One transaction: an instance that dies mid-way leaves no half step, and instances starting
    /// together migrate one after the other.
    /// </summary>
    public Task MigrateAsync(int version, CancellationToken ct) => GuardedAsync(async () =>
    {
        await MigrateOnceAsync(version, ct);
        return true;
    });

    private async Task MigrateOnceAsync(int version, CancellationToken ct)
    {
        await using var db = await dialect.OpenAsync(connectionString, ct);
        await dialect.BeforeMigrateAsync(db, ct);
        await using var tx = await dialect.BeginAsync(db, ct);
        if (dialect.MigrationLock is { } migrationLock) await db.ExecuteAsync(Command(migrationLock, null, tx, ct));
        await db.ExecuteAsync(Command(StoreSql.CreateSchemaVersion, null, tx, ct));
        var current = await db.ExecuteScalarAsync<int?>(Command(StoreSql.SchemaVersion, null, tx, ct)) ?? 0;
        var steps = StoreMigrations.Steps(dialect);
        for (var v = current; v < Math.Min(version, steps.Count); v++)
        {
            await db.ExecuteAsync(Command(steps[v], null, tx, ct));
            await db.ExecuteAsync(Command(StoreSql.AddSchemaVersion, new { v = v + 1 }, tx, ct));
        }
        await tx.CommitAsync(ct);
    }

    public Task EnqueueAsync(string connection, IEnumerable<WorkKey> keys, CancellationToken ct, TimeSpan? delay = null)
    {
        // One key named twice in a call is one change, and PostgreSQL's ON CONFLICT may touch a row only once
        // per statement (https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT).
        var rows = keys.Distinct().Select(key => new[] { key.Table, key.DynamicsId.ToString() }).ToList();
        if (rows.Count == 0) return Task.CompletedTask;
        var now = Now;
        var availableAt = now + (long)(delay ?? TimeSpan.Zero).TotalMilliseconds;
        return ExecuteAsync(Sql.Enqueue, new { connection, keys = Json(rows), availableAt, now }, ct);
    }

    public Task<IReadOnlyList<WorkItem>> ClaimAsync(string connection, string table, int max, TimeSpan lease, string worker, CancellationToken ct)
    {
        var now = Now;
        var expires = now + (long)lease.TotalMilliseconds;
        return WriteAsync<IReadOnlyList<WorkItem>>(async (db, tx) =>
        {
            var rows = await db.QueryAsync<JournalRow>(Command(Sql.Claim, new { connection, table, now, max, worker, expires }, tx, ct));
            // The queue's order, oldest first: RETURNING gives none.
            return [.. rows.OrderBy(r => r.AvailableAt).ThenBy(r => r.Id).Select(r => r.ToItem())];
        }, ct);
    }

    public Task CompleteAsync(IEnumerable<WorkItem> items, CancellationToken ct)
    {
        var rows = items.Select(item => new[] { item.Id, item.Generation }).ToList();
        return rows.Count == 0 ? Task.CompletedTask : ExecuteAsync(Sql.Complete, new { items = Json(rows) }, ct);
    }

    public Task ReleaseAsync(IEnumerable<WorkItem> items, TimeSpan delay, CancellationToken ct) => PutBackAsync(items, delay, 1, ct);

    public Task DeferAsync(IEnumerable<WorkItem> items, TimeSpan delay, CancellationToken ct) => PutBackAsync(items, delay, 0, ct);

    private Task PutBackAsync(IEnumerable<WorkItem> items, TimeSpan delay, int attempt, CancellationToken ct)
    {
        var ids = items.Select(item => item.Id).ToList();
        if (ids.Count == 0) return Task.CompletedTask;
        var availableAt = Now + (long)delay.TotalMilliseconds;
        return ExecuteAsync(Sql.PutBack, new { ids = Json(ids), availableAt, attempt }, ct);
    }

    public Task<IReadOnlyDictionary<string, long>> CountPendingAsync(string connection, CancellationToken ct) =>
        OnConnectionAsync<IReadOnlyDictionary<string, long>>(async db =>
        {
            var rows = await db.QueryAsync<(string Table, long Count)>(Command(StoreSql.CountPending, new { connection }, null, ct));
            return rows.ToDictionary(r => r.Table, r => r.Count);
        }, ct);

    public Task<IReadOnlyDictionary<string, JournalLook>> LookAsync(string connection, DateTimeOffset recentSince, CancellationToken ct) =>
        OnConnectionAsync<IReadOnlyDictionary<string, JournalLook>>(async db =>
        {
            var rows = await db.QueryAsync<LookRow>(Command(StoreSql.Look, new { connection, now = Now, since = recentSince.ToUnixTimeMilliseconds() }, null, ct));
            return rows.ToDictionary(r => r.TableName, r => new JournalLook(
                r.Pending, r.Ready, r.OldestReady is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null, r.Recent));
        }, ct);

    private sealed class LookRow
    {
        public string TableName { get; init; } = "";
        public long Pending { get; init; }
        public long Ready { get; init; }
        public long? OldestReady { get; init; }
        public long Recent { get; init; }
    }

    public Task<DateTimeOffset?> NextAvailableAsync(string connection, CancellationToken ct) =>
        OnConnectionAsync(async db =>
        {
            var next = await db.ExecuteScalarAsync<long?>(Command(Sql.NextAvailable, new { connection }, null, ct));
            return next is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
        }, ct);

    public async Task<IReadOnlyDictionary<Guid, Link>> GetLinksAsync(string connection, string table, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, Link>();
        if (ids.Count == 0) return result;
        var rows = await OnConnectionAsync(db => db.QueryAsync<LinkRow>(
            Command(Sql.GetLinks, new { connection, table, ids = Json(ids.Select(id => id.ToString())) }, null, ct)), ct);
        foreach (var row in rows) result[Guid.Parse(row.DynamicsId)] = row.ToLink();
        return result;
    }

    public async Task<Link?> FindLinkByXeroIdAsync(string connection, string table, string xeroId, CancellationToken ct)
    {
        var row = await OnConnectionAsync(db => db.QueryFirstOrDefaultAsync<LinkRow>(
            Command(StoreSql.FindLinkByXeroId, new { connection, table, xeroId }, null, ct)), ct);
        return row?.ToLink();
    }

    public async Task<IReadOnlyDictionary<string, Link>> GetLinksByXeroIdsAsync(string connection, string table, IReadOnlyCollection<string> xeroIds, CancellationToken ct)
    {
        var result = new Dictionary<string, Link>(StringComparer.OrdinalIgnoreCase);
        if (xeroIds.Count == 0) return result;
        var rows = await OnConnectionAsync(db => db.QueryAsync<LinkRow>(
            Command(Sql.GetLinksByXeroIds, new { connection, table, ids = Json(xeroIds) }, null, ct)), ct);
        foreach (var row in rows) if (row.ToLink() is { XeroId: { } xeroId } link) result[xeroId] = link;
        return result;
    }

    public Task UpsertLinksAsync(IEnumerable<Link> links, CancellationToken ct)
    {
        // A row named twice in a call ends as its last link, as when links were written one at a time
        // (and ON CONFLICT may touch a row only once per statement).
        var rows = new Dictionary<(string, string, Guid), LinkRow>();
        foreach (var link in links) rows[(link.Connection, link.Table, link.DynamicsId)] = LinkRow.From(link);
        return rows.Count == 0 ? Task.CompletedTask : ExecuteAsync(Sql.UpsertLinks, new { links = Json(rows.Values) }, ct);
    }

    public async Task<IReadOnlyList<Link>> GetLinksByStatusAsync(string connection, SyncStatus status, int max, CancellationToken ct)
    {
        var rows = await OnConnectionAsync(db => db.QueryAsync<LinkRow>(
            Command(StoreSql.LinksByStatus, new { connection, status = (int)status, max }, null, ct)), ct);
        return [.. rows.Select(r => r.ToLink())];
    }

    public async Task<IReadOnlyList<LinkCount>> CountLinksAsync(string connection, CancellationToken ct)
    {
        var rows = await OnConnectionAsync(db => db.QueryAsync<(string Table, int Status, long Count)>(
            Command(StoreSql.CountLinks, new { connection }, null, ct)), ct);
        return [.. rows.Select(r => new LinkCount(r.Table, (SyncStatus)r.Status, r.Count))];
    }

    public Task<string?> GetCursorAsync(string connection, string table, CancellationToken ct) =>
        OnConnectionAsync(db => db.ExecuteScalarAsync<string?>(Command(StoreSql.GetCursor, new { connection, table }, null, ct)), ct);

    public Task SetCursorAsync(string connection, string table, string? deltaLink, CancellationToken ct) =>
        ExecuteAsync(StoreSql.SetCursor, new { connection, table, deltaLink, now = Now }, ct);

    public Task<string?> GetSecretAsync(string connection, string name, CancellationToken ct) =>
        OnConnectionAsync(db => db.ExecuteScalarAsync<string?>(Command(StoreSql.GetSecret, new { connection, name }, null, ct)), ct);

    public Task SetSecretAsync(string connection, string name, string? value, CancellationToken ct) =>
        ExecuteAsync(StoreSql.SetSecret, new { connection, name, value, now = Now }, ct);

    public Task<Lease?> TryAcquireLeaseAsync(string connection, string holder, TimeSpan duration, CancellationToken ct) =>
        OnConnectionAsync(db => LeaseCommands.TryAcquireAsync(db, connection, holder, duration, Now, ct), ct);

    public Task<Lease?> RenewLeaseAsync(Lease lease, TimeSpan duration, CancellationToken ct) =>
        OnConnectionAsync(db => LeaseCommands.RenewAsync(db, lease, duration, Now, ct), ct);

    public Task ReleaseLeaseAsync(Lease lease, CancellationToken ct) =>
        OnConnectionAsync(db => LeaseCommands.ReleaseAsync(db, lease, ct), ct);

    public Task<IReadOnlyList<LeaseState>> ReadLeasesAsync(CancellationToken ct) =>
        OnConnectionAsync(db => LeaseCommands.ReadAsync(db, ct), ct);

    public Task<int> AnnounceInstanceAsync(string holder, TimeSpan liveFor, CancellationToken ct) =>
        OnConnectionAsync(db => LeaseCommands.AnnounceAsync(db, holder, liveFor, Now, ct), ct);

    public Task RetireInstanceAsync(string holder, CancellationToken ct) =>
        OnConnectionAsync(db => LeaseCommands.RetireAsync(db, holder, ct), ct);

    /// <summary>Runs <paramref name="work"/> on a connection of its own, outside any transaction: reads, and the lease commands (each one statement).</summary>
    private Task<T> OnConnectionAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct) => GuardedAsync(async () =>
    {
        await using var db = await dialect.OpenAsync(connectionString, ct);
        return await work(db);
    });

    private Task OnConnectionAsync(Func<DbConnection, Task> work, CancellationToken ct) => OnConnectionAsync(async db =>
    {
        await work(db);
        return true;
    }, ct);

    /// <summary>A failure no retry fixes (the file read-only, the disk full) becomes one sentence naming the store.</summary>
    private async Task<T> GuardedAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (DbException e) when (dialect.Unwritable(e, connectionString) is { } text)
        {
            throw new StoreUnavailableException(text, e);
        }
    }

    /// <summary>
    /// Runs a write in a transaction of its own, the fence check first when the store is fenced: after a
    /// takeover the write is refused (<see cref="LeaseLostException"/>) and nothing of it lands.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write, CancellationToken ct) => GuardedAsync(async () =>
    {
        await using var db = await dialect.OpenAsync(connectionString, ct);
        await using var tx = await dialect.BeginAsync(db, ct);
        if (fence is not null) await LeaseCommands.GuardAsync(db, tx, fence, dialect.GuardLock, ct);
        var result = await write(db, tx);
        await tx.CommitAsync(ct);
        return result;
    });

    private Task ExecuteAsync(string sql, object parameters, CancellationToken ct) =>
        WriteAsync((db, tx) => db.ExecuteAsync(Command(sql, parameters, tx, ct)), ct);

    private static CommandDefinition Command(string sql, object? parameters, DbTransaction? tx, CancellationToken ct) =>
        new(sql, parameters, tx, cancellationToken: ct);

    /// <summary>Many rows as one parameter: a JSON array the dialect reads back as a table (<see cref="StoreDialect.Rows"/>).</summary>
    private static string Json<T>(IEnumerable<T> rows) => JsonSerializer.Serialize(rows);
}
