using D365Xero.Hosting;
using D365Xero.Sync;
using D365Xero.WriteBack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace D365Xero.Bench;

/// <summary>
/// The connector as `serve` or `backfill` opens it (settings → store → connection), pointed at the emulators,
/// on a throwaway SQLite file, with Xero:MinuteWindow compressed like the emulator's so our pacing matches.
/// </summary>
public sealed class ConnectorSetup : IAsyncDisposable
{
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"d365xero-bench-{Guid.NewGuid():N}.db");

    private ConnectorSetup() { }

    public ConnectorRuntime Runtime { get; private set; } = null!;
    public SyncConnection Connection => Runtime.Connections[0];

    public static async Task<ConnectorSetup> OpenAsync(EmulatorProcess emulators, CancellationToken ct)
    {
        var setup = new ConnectorSetup();
        var settings = new Dictionary<string, string?>
        {
            ["Dataverse:Url"] = emulators.DataverseUrl.ToString().TrimEnd('/'),
            ["Dataverse:AuthorityUrl"] = emulators.DataverseUrl.ToString().TrimEnd('/'),
            ["Dataverse:TenantId"] = "sandbox",
            ["Dataverse:ClientId"] = "sandbox",
            ["Dataverse:ClientSecret"] = "sandbox",
            ["Xero:ApiUrl"] = emulators.XeroUrl.ToString().TrimEnd('/'),
            ["Xero:IdentityUrl"] = emulators.XeroUrl.ToString().TrimEnd('/'),
            ["Xero:ClientId"] = "sandbox",
            ["Xero:ClientSecret"] = "sandbox",
            ["Xero:MinuteWindow"] = EmulatorProcess.MinuteWindow.ToString("c"),
            ["Xero:MinuteLimit"] = EmulatorProcess.MinuteLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Store:Provider"] = "Sqlite",
            ["Store:ConnectionString"] = $"Data Source={setup._dbPath}",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        setup.Runtime = await ConnectorRuntime.OpenAsync(configuration, TimeProvider.System, NullLoggerFactory.Instance, ct);
        return setup;
    }

    /// <summary>What `provision` does; setup, not measured.</summary>
    public Task ProvisionAsync(CancellationToken ct) =>
        new ColumnProvisioner(Connection.Dataverse, Connection.Columns).ProvisionAsync(ct);

    /// <summary>Rows that reached Xero (created, updated, matched or archived) and rows that failed, over the element tables.</summary>
    public (long Synced, long Failed) RowCounts()
    {
        long synced = 0, failed = 0;
        foreach (var table in new[] { "account", "product", "salesorder" })
        {
            var c = Connection.Counters.For(table);
            synced += c.Created + c.Updated + c.Matched + c.Archived;
            failed += c.Failed;
        }
        return (synced, failed);
    }

    public string CounterSummary() => string.Join("; ", Connection.Counters.Tables.OrderBy(t => t.Key).Select(t =>
        $"{t.Key} created {t.Value.Created}, updated {t.Value.Updated}, matched {t.Value.Matched}, unchanged {t.Value.Unchanged}, failed {t.Value.Failed}, skipped {t.Value.Skipped}"));

    public async ValueTask DisposeAsync()
    {
        if (Runtime?.Store is IAsyncDisposable store) await store.DisposeAsync();
        else if (Runtime?.Store is IDisposable disposable) disposable.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_dbPath + suffix);
    }
}
