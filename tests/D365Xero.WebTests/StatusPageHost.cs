using D365Xero.Emulators.Dataverse;
using D365Xero.Emulators.Xero;
using D365Xero.Hosting;
using D365Xero.Hosting.Web;
using D365Xero.IntegrationTests;
using D365Xero.WriteBack;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace D365Xero.WebTests;

/// <summary>
/// What `sandbox` runs, on free loopback ports: both emulators (empty), the connector on a throwaway
/// SQLite file with its write-back columns provisioned, and the one web app with its workers polling
/// every second and the status page behind a key.
/// </summary>
public sealed class StatusPageHost : IAsyncDisposable
{
    public const string Key = "page-key";

    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"d365xero-web-{Guid.NewGuid():N}.db");

    private StatusPageHost(DataverseEmulator dataverse, XeroEmulator xero)
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
    public WebApplication App { get; private set; } = null!;

    /// <summary>The status page's address, without the key.</summary>
    public string Url => App.Urls.First().TrimEnd('/') + "/";

    public string DynamicsUrl => DataverseEmulator.Url.ToString().TrimEnd('/');

    /// <param name="provision">False leaves the write-back columns out, which pauses the connection.</param>
    public static async Task<StatusPageHost> StartAsync(bool provision = true)
    {
        var dataverse = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Url = "http://127.0.0.1:0" });
        var xero = await XeroEmulator.StartAsync(new XeroEmulatorOptions { Url = "http://127.0.0.1:0" });
        var host = new StatusPageHost(dataverse, xero);
        try
        {
            await host.ConnectAsync(provision);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>The instance the page must name as the connection's holder.</summary>
    public const string InstanceId = "status-page-test";

    private async Task ConnectAsync(bool provision)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dataverse:Url"] = DynamicsUrl,
            ["Dataverse:AuthorityUrl"] = DynamicsUrl,
            ["Dataverse:TenantId"] = "sandbox",
            ["Dataverse:ClientId"] = "sandbox",
            ["Dataverse:ClientSecret"] = "sandbox",
            ["Xero:ApiUrl"] = XeroEmulator.Url.ToString().TrimEnd('/'),
            ["Xero:IdentityUrl"] = XeroEmulator.Url.ToString().TrimEnd('/'),
            ["Xero:ClientId"] = "sandbox",
            ["Xero:ClientSecret"] = "sandbox",
            ["Store:Provider"] = "Sqlite",
            ["Store:ConnectionString"] = $"Data Source={_dbPath}",
            ["Sync:PollInterval"] = "00:00:01",
            ["Instance:Id"] = InstanceId,
        }).Build();
        var runtime = await ConnectorRuntime.OpenAsync(configuration, TimeProvider.System, NullLoggerFactory.Instance, default);
        foreach (var connection in provision ? runtime.Connections : [])
        {
            await new ColumnProvisioner(connection.Dataverse, connection.Columns).ProvisionAsync(default);
        }
        App = ConnectorWebApp.Build(runtime, new ServeSettings { Urls = "http://127.0.0.1:0", StatusKey = Key });
        await App.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync(CancellationToken.None);
            await App.DisposeAsync();
        }
        Dynamics.Dispose();
        Xero.Dispose();
        await XeroEmulator.DisposeAsync();
        await DataverseEmulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_dbPath + suffix);
    }
}
