using D365Xero.Journal;

namespace D365Xero.Tests.Journal;

/// <summary>The store contract on a real SQLite file.</summary>
public sealed class SqliteSyncStoreTests : SyncStoreContract, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"d365xero-test-{Guid.NewGuid():N}.db");

    protected override Task<ISyncStore> CreateStoreAsync() =>
        Task.FromResult<ISyncStore>(new SqlSyncStore(StoreDialect.Sqlite, $"Data Source={_path};Pooling=False", Time));

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}
