using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace D365Xero.Journal.Sqlite;

/// <summary>
/// SQLite: one file in WAL mode. SQLite serialises writers, so a write that begins its transaction
/// IMMEDIATE holds the one write lock from its fence check to its commit, and a claim (select then
/// update) cannot hand the same entry to two workers; nothing needs a row lock.
/// </summary>
internal sealed class SqliteDialect : StoreDialect
{
    /// <summary><c>INTEGER PRIMARY KEY</c> is SQLite's rowid alias: assigned on insert, never reused while the row lives (https://www.sqlite.org/lang_createtable.html#rowid).</summary>
    public override string AutoIncrementKey => "INTEGER PRIMARY KEY";

    /// <summary>SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN (https://www.sqlite.org/rescode.html).</summary>
    internal override string? Unwritable(DbException failure, string connectionString)
    {
        if (failure is not SqliteException { SqliteErrorCode: 8 or 10 or 13 or 14 } sqlite) return null;
        var file = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        return $"The store {file} cannot be written: {sqlite.Message.TrimEnd('.')}. Make the file and its folder writable, " +
            "or free space on its disk, then run again: nothing was lost (what is queued stays queued; Dynamics still has every change).";
    }

    internal override async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        // busy_timeout: another process (a CLI verb beside `serve`) may hold the write lock briefly.
        // WAL is a property of the file, set once when migrating; these two belong to each connection
        // (https://www.sqlite.org/pragma.html#pragma_busy_timeout, https://www.sqlite.org/pragma.html#pragma_synchronous).
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;", cancellationToken: ct));
        return connection;
    }

    /// <summary>
    /// IMMEDIATE, said outright (it is Microsoft.Data.Sqlite's default, see
    /// https://learn.microsoft.com/dotnet/standard/data/sqlite/transactions#deferred-transactions): the
    /// write lock is taken at BEGIN, so no lease takeover can slip between the fence check and the write.
    /// </summary>
    internal override Task<DbTransaction> BeginAsync(DbConnection db, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<DbTransaction>(((SqliteConnection)db).BeginTransaction(deferred: false));
    }

    /// <summary>WAL lets readers go on while a write commits (https://www.sqlite.org/wal.html); it cannot be switched inside a transaction.</summary>
    internal override Task BeforeMigrateAsync(DbConnection db, CancellationToken ct) =>
        db.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL;", cancellationToken: ct));

    internal override string GuardLock => "";

    internal override string ClaimLock => "";

    /// <summary>With two or more arguments SQLite's MIN and MAX are scalar functions (https://www.sqlite.org/lang_corefunc.html#min_scalar).</summary>
    internal override string Least => "MIN";

    internal override string Greatest => "MAX";

    /// <summary><c>json_each</c> reads a JSON array as a table, column <c>value</c> (https://www.sqlite.org/json1.html#jeach).</summary>
    internal override string Rows(string parameter, string alias) => $"json_each({parameter}) AS {alias}";

    /// <summary><c>->></c> returns the SQL value of an array element or object field (https://www.sqlite.org/json1.html#jptr); SQLite needs no cast.</summary>
    internal override string Field(string alias, string? path, string type) =>
        path is null ? $"{alias}.value" : $"{alias}.value ->> {path}";
}
