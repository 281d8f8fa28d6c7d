using System.Data.Common;
using D365Xero.Journal.Postgres;
using D365Xero.Journal.Sqlite;

namespace D365Xero.Journal;

/// <summary>
/// Where SQLite and PostgreSQL differ, and nothing else: <see cref="SqlSyncStore"/> and
/// <see cref="StoreSql"/> hold everything they share. The hooks are how a connection is opened and a
/// write transaction begun, how a write locks what it must, the two-argument minimum and maximum,
/// and how many rows travel as one JSON parameter (each row a JSON value, read back as a table).
/// </summary>
public abstract class StoreDialect
{
    /// <summary>The embedded store: one SQLite file.</summary>
    public static readonly StoreDialect Sqlite = new SqliteDialect();

    /// <summary>The store several instances share.</summary>
    public static readonly StoreDialect Postgres = new PostgresDialect();

    private StoreSql? _sql;

    /// <summary>This dialect's statements, written once and kept (they are the same for every call).</summary>
    internal StoreSql Sql => _sql ??= new StoreSql(this);

    /// <summary>A sentence for a failure that no retry fixes (the file read-only, the disk full), naming the store; null for any other.</summary>
    internal virtual string? Unwritable(DbException failure, string connectionString) => null;

    /// <summary>The DDL of an auto-assigned primary key.</summary>
    public abstract string AutoIncrementKey { get; }

    internal abstract Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct);

    /// <summary>Begins the transaction a write runs in, the fence check first (see <see cref="LeaseCommands.GuardAsync"/>).</summary>
    internal virtual async Task<DbTransaction> BeginAsync(DbConnection db, CancellationToken ct) => await db.BeginTransactionAsync(ct);

    /// <summary>Run once before migrating, outside any transaction.</summary>
    internal virtual Task BeforeMigrateAsync(DbConnection db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>SQL run first in the migration's transaction so instances starting together migrate one at a time; none when the transaction itself serialises them.</summary>
    internal virtual string? MigrationLock => null;

    /// <summary>The locking clause of the fence check's read of the lease row.</summary>
    internal abstract string GuardLock { get; }

    /// <summary>The locking clause of a claim's choice of entries.</summary>
    internal abstract string ClaimLock { get; }

    /// <summary>The two-argument minimum function.</summary>
    internal abstract string Least { get; }

    /// <summary>The two-argument maximum function.</summary>
    internal abstract string Greatest { get; }

    /// <summary>A table of the JSON array in <paramref name="parameter"/>, one row per element, with the element in column <c>value</c>.</summary>
    internal abstract string Rows(string parameter, string alias);

    /// <summary>
    /// Field <paramref name="path"/> (an array index or a quoted key) of the element of row
    /// <paramref name="alias"/>, as SQL type <paramref name="type"/>; the element itself when the path is null.
    /// </summary>
    internal abstract string Field(string alias, string? path, string type);

    /// <summary>The ORDER BY an upsert of many rows needs to take its row locks in one order, or nothing.</summary>
    internal virtual string InKeyOrder(params string[] keys) => "";

    /// <summary>
    /// A statement that locks the journal entries whose ids <paramref name="ids"/> selects, in the order
    /// enqueuing locks them, ahead of a write to them (ending with a semicolon), or nothing.
    /// </summary>
    internal virtual string LockEntries(string ids) => "";
}
