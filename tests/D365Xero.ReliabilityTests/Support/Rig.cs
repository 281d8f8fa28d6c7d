using D365Xero.Configuration;
using D365Xero.Emulators.Dataverse;
using D365Xero.Emulators.Xero;
using D365Xero.Hosting;
using D365Xero.IntegrationTests;
using D365Xero.WriteBack;
using Microsoft.Extensions.Logging.Abstractions;

namespace D365Xero.ReliabilityTests.Support;

/// <summary>Client secrets the emulators accept; the security test uses values it can search for.</summary>
public sealed record RigSecrets(string Dataverse = "sandbox", string Xero = "sandbox", string? Webhook = null);

/// <summary>
/// Both emulators in the test process on loopback ports, Xero behind a <see cref="RecordingProxy"/>,
/// a SQLite store in a temp file, and the connector's configuration in environment-variable form:
/// what a child <c>d365-xero</c> process is given, and what an in-process runtime is opened with.
/// </summary>
public sealed class Rig : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("d365xero-rel-").FullName;

    private Rig(DataverseEmulator dataverse, XeroEmulator xero, RecordingProxy xeroProxy, RigSecrets secrets)
    {
        DataverseEmulator = dataverse;
        XeroEmulator = xero;
        XeroProxy = xeroProxy;
        Dynamics = new DynamicsTestClient(dataverse.Url);
        Xero = new XeroProbe(xero.Url);
        Environment = new Dictionary<string, string>
        {
            // Straight to Dataverse: its tokens name the organisation URL as their audience, so a proxy in between is refused.
            ["Dataverse__Url"] = dataverse.Url.ToString().TrimEnd('/'),
            ["Dataverse__AuthorityUrl"] = dataverse.Url.ToString().TrimEnd('/'),
            ["Dataverse__TenantId"] = "sandbox",
            ["Dataverse__ClientId"] = "sandbox",
            ["Dataverse__ClientSecret"] = secrets.Dataverse,
            ["Xero__ApiUrl"] = xeroProxy.Url.ToString().TrimEnd('/'),
            ["Xero__IdentityUrl"] = xeroProxy.Url.ToString().TrimEnd('/'),
            ["Xero__ClientId"] = "sandbox",
            ["Xero__ClientSecret"] = secrets.Xero,
            ["Store__ConnectionString"] = $"Data Source={Path.Combine(_folder, "store.db")}",
            // Grants (refresh tokens) are stored encrypted with this key, by the tests and the child process alike.
            ["Store__SecretKey"] = SecretKey,
            // A killed worker's claim comes back after this, not after the default 5 minutes.
            ["Sync__ClaimLease"] = "00:00:03",
            // One instance, restarted under the same id as a service would be: a restart after a kill
            // takes the connection's lease back at once (with a new fence) instead of waiting for it to run out.
            ["Instance__Id"] = "rig",
            ["Instance__LeaseDuration"] = "00:00:03",
        };
        if (secrets.Webhook is { } webhook) Environment["Webhook__Secret"] = webhook;
    }

    /// <summary>A fresh AES-256 key per rig, as an operator would set with `openssl rand -base64 32`.</summary>
    public string SecretKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The grant store the connector itself uses, with this rig's key.</summary>
    public D365Xero.Hosting.StoredXeroGrants Grants(D365Xero.Journal.ISyncStore store) =>
        new(store, D365Xero.Journal.SecretCipher.FromKey(SecretKey));

    public DataverseEmulator DataverseEmulator { get; }
    public XeroEmulator XeroEmulator { get; }
    public RecordingProxy XeroProxy { get; }
    /// <summary>The Dynamics user, straight to the emulator (not through the proxy).</summary>
    public DynamicsTestClient Dynamics { get; }
    /// <summary>A Xero user looking, straight to the emulator.</summary>
    public XeroProbe Xero { get; }
    /// <summary>The connector's configuration, as environment variables.</summary>
    public Dictionary<string, string> Environment { get; }
    public string Folder => _folder;

    public static async Task<Rig> StartAsync(string? dataverseSeed = null, string? xeroSeed = null, RigSecrets? secrets = null)
    {
        secrets ??= new RigSecrets();
        var dataverse = await DataverseEmulator.StartAsync(new DataverseEmulatorOptions { Url = "http://127.0.0.1:0", Seed = dataverseSeed, ClientSecret = secrets.Dataverse });
        var xero = await XeroEmulator.StartAsync(new XeroEmulatorOptions { Url = "http://127.0.0.1:0", Seed = xeroSeed, ClientSecret = secrets.Xero });
        return new Rig(dataverse, xero, await RecordingProxy.StartAsync(xero.Url), secrets);
    }

    /// <summary>The same configuration, for a runtime opened in the test process.</summary>
    public async Task<ConnectorRuntime> OpenAsync(IDictionary<string, string>? overrides = null, TimeProvider? time = null)
    {
        var settings = Environment.Concat(overrides ?? new Dictionary<string, string>())
            .GroupBy(kv => kv.Key).ToDictionary(g => g.Key.Replace("__", ":"), g => (string?)g.Last().Value);
        var configuration = ConnectorConfiguration.Build(null, settings);
        return await ConnectorRuntime.OpenAsync(configuration, time ?? TimeProvider.System, NullLoggerFactory.Instance, default);
    }

    /// <summary>What `provision` does, once, before any sync.</summary>
    public async Task ProvisionAsync()
    {
        var runtime = await OpenAsync();
        foreach (var connection in runtime.Connections)
            await new ColumnProvisioner(connection.Dataverse, connection.Columns).ProvisionAsync(default);
    }

    /// <summary>A `sync --once` (or any verb) in a child process, to its end.</summary>
    public Task<ConnectorRun> RunAsync(TimeSpan timeout, params string[] args) => ConnectorProcess.RunAsync(Environment, _folder, timeout, args);

    public ConnectorProcess Start(params string[] args) => ConnectorProcess.Start(Environment, _folder, args);

    public async Task<StatusReport.ConnectionStatus> StatusAsync()
    {
        var runtime = await OpenAsync();
        return (await StatusReport.ReadAsync(runtime.Store, runtime.Connections.Select(c => c.Name), 1000, default)).Connections.Single();
    }

    public async ValueTask DisposeAsync()
    {
        Dynamics.Dispose();
        Xero.Dispose();
        await XeroProxy.DisposeAsync();
        await XeroEmulator.DisposeAsync();
        await DataverseEmulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
