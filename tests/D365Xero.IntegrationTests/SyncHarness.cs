using D365Xero.Configuration;
using D365Xero.Emulators.Dataverse;
using D365Xero.Emulators.Xero;
using D365Xero.Hosting;
using D365Xero.Journal;
using D365Xero.Source.Dataverse;
using D365Xero.Sync;
using D365Xero.WriteBack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.IntegrationTests;

/// <summary>
/// Both emulators on free loopback ports, a real SQLite file, and a connection pointed at them,
/// with the write-back columns provisioned: the product as a user would run it, in one object.
/// </summary>
public sealed class SyncHarness : IAsyncDisposable
{
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"d365xero-it-{Guid.NewGuid():N}.db");

    private SyncHarness(DataverseEmulator dataverse, XeroEmulator xero)
    {
        DataverseEmulator = dataverse;
        XeroEmulator = xero;
        Dynamics = new DynamicsTestClient(dataverse.Url);
        Xero = new XeroProbe(xero.Url);
    }

    public DataverseEmulator DataverseEmulator { get; }
    public XeroEmulator XeroEmulator { get; }
    public DynamicsTestClient Dynamics { get; }
    public XeroProbe Xero { get; }
    /// <summary>The SQLite file behind <see cref="Store"/>, for tests that look at the journal's claims.</summary>
    public string DbPath => _dbPath;
    public ISyncStore Store { get; private set; } = null!;
    public ConnectionSettings Settings { get; private set; } = null!;
    public SyncConnection Connection { get; private set; } = null!;

    /// <summary>The Dataverse emulator's clock: advance it between creates to give rows distinct <c>createdon</c> seconds.</summary>
    public FakeTimeProvider DataverseClock { get; private set; } = null!;

    public static async Task<SyncHarness> StartAsync(string? dataverseSeed = null, string? xeroSeed = null, Action<Dictionary<string, string?>>? configure = null,
        Action<DataverseEmulatorOptions>? dataverseOptions = null)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var emulatorOptions = new DataverseEmulatorOptions { Url = "http://127.0.0.1:0", Seed = dataverseSeed };
        dataverseOptions?.Invoke(emulatorOptions);
        var dataverse = await DataverseEmulator.StartAsync(emulatorOptions, clock);
        var xero = await XeroEmulator.StartAsync(new XeroEmulatorOptions { Url = "http://127.0.0.1:0", Seed = xeroSeed });
        var harness = new SyncHarness(dataverse, xero) { DataverseClock = clock };
        var settings = new Dictionary<string, string?>
        {
            ["Dataverse:Url"] = dataverse.Url.ToString().TrimEnd('/'),
            ["Dataverse:AuthorityUrl"] = dataverse.Url.ToString().TrimEnd('/'),
            ["Dataverse:TenantId"] = "sandbox",
            ["Dataverse:ClientId"] = "sandbox",
            ["Dataverse:ClientSecret"] = "sandbox",
            ["Xero:ApiUrl"] = xero.Url.ToString().TrimEnd('/'),
            ["Xero:IdentityUrl"] = xero.Url.ToString().TrimEnd('/'),
            ["Xero:ClientId"] = "sandbox",
            ["Xero:ClientSecret"] = "sandbox",
        };
        configure?.Invoke(settings);
        await harness.ConnectAsync(settings);
        return harness;
    }

    private async Task ConnectAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Settings = ConnectionSettings.Load(configuration).Single();
        Store = await SyncStoreFactory.OpenAsync(new StoreOptions { ConnectionString = $"Data Source={_dbPath}" }, StoreClock, default);
        Connection = await ConnectionFactory.CreateAsync(Settings, Store, TimeProvider.System, NullLoggerFactory.Instance, default);
    }

    /// <summary>What the next `sync --once` process starts with: a new connection (nothing cached) over the same store.</summary>
    public async Task RestartConnectionAsync() =>
        Connection = await ConnectionFactory.CreateAsync(Settings, Store, TimeProvider.System, NullLoggerFactory.Instance, default);

    /// <summary>The same connection over other tables (a test's throw-away table).</summary>
    public void UseTables(Tables.TableRegistry tables) => Connection = Connection.WithTables(tables);

    /// <summary>What `provision` does.</summary>
    public Task ProvisionAsync() =>
        new ColumnProvisioner(Connection.Dataverse, Connection.Columns).ProvisionAsync(default);

    /// <summary>The store's clock: the real time, plus whatever <see cref="SyncOnceAsync(bool)"/> skipped ahead.</summary>
    public SkippingClock StoreClock { get; } = new();

    /// <summary>What `sync --once` does: capture, then drain.</summary>
    public Task SyncOnceAsync() => SyncOnceAsync(waitForRetries: false);

    /// <summary>
    /// With <paramref name="waitForRetries"/>, what `sync --once --wait` does (capture, then drain until the
    /// journal is empty, work held back for later included), but instead of sleeping until held-back work
    /// is due, the store's clock jumps there: no real-time waits.
    /// </summary>
    public async Task SyncOnceAsync(bool waitForRetries)
    {
        var runner = new SyncRunner(Connection);
        await runner.RunOnceAsync(waitForRetries: false, default);
        if (!waitForRetries) return;
        for (var round = 0; round < 100; round++)
        {
            var next = await Store.NextAvailableAsync(Connection.Name, default);
            if (next is null) return;
            var wait = next.Value - StoreClock.GetUtcNow();
            if (wait > TimeSpan.Zero) StoreClock.Skip(wait + TimeSpan.FromMilliseconds(1));
            await runner.DrainAsync(default);
        }
        throw new InvalidOperationException("The journal never emptied.");
    }

    public async ValueTask DisposeAsync()
    {
        Dynamics.Dispose();
        Xero.Dispose();
        await XeroEmulator.DisposeAsync();
        await DataverseEmulator.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_dbPath + suffix);
    }
}

/// <summary>The real clock, moved on by hand past waits a test should not sit through.</summary>
public sealed class SkippingClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Skip(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
