using System.Data.Common;
using D365Xero.Configuration;
using D365Xero.Journal;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace D365Xero.Hosting;

/// <summary>Opens the configured store and brings its schema up to date.</summary>
public static class SyncStoreFactory
{
    public static async Task<ISyncStore> OpenAsync(StoreOptions options, TimeProvider time, CancellationToken ct)
    {
        var dialect = options.Provider == StoreProvider.Postgres ? StoreDialect.Postgres : StoreDialect.Sqlite;
        ISyncStore store = new SqlSyncStore(dialect, options.ConnectionString, time);
        try
        {
            await store.MigrateAsync(ct);
        }
        catch (DbException e)
        {
            // Before anything is read or sent: a store that cannot be opened is a setting to fix, said in one line.
            throw new InvalidOperationException(
                $"Cannot open the store {Where(options)} (Store:ConnectionString): {e.Message} Does the folder exist, and may this user write there?", e);
        }
        return store;
    }

    private static string Where(StoreOptions options) => options.Provider == StoreProvider.Postgres
        ? $"PostgreSQL database '{new NpgsqlConnectionStringBuilder(options.ConnectionString).Database}' on {new NpgsqlConnectionStringBuilder(options.ConnectionString).Host}"
        : $"SQLite file {Path.GetFullPath(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource)}";
}
