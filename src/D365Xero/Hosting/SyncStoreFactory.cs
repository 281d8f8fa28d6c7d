using D365Xero.Configuration;
using D365Xero.Journal;

namespace D365Xero.Hosting;

/// <summary>Opens the configured store and brings its schema up to date.</summary>
public static class SyncStoreFactory
{
    public static async Task<ISyncStore> OpenAsync(StoreOptions options, TimeProvider time, CancellationToken ct)
    {
        ISyncStore store = options.Provider.ToString().ToLowerInvariant() switch
        {
            "sqlite" => new SqlSyncStore(StoreDialect.Sqlite, options.ConnectionString, time),
            "postgres" => new SqlSyncStore(StoreDialect.Postgres, options.ConnectionString, time),
            _ => throw new InvalidOperationException(
                $"Store:Provider '{options.Provider}' is not supported; use Sqlite or Postgres."),
        };
        await store.MigrateAsync(ct);
        return store;
    }
}
