using D365Xero.Configuration;
using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.WriteBack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting;

/// <summary>The store and every configured connection, opened once per command.</summary>
public sealed class ConnectorRuntime
{
    private ConnectorRuntime(ISyncStore store, IReadOnlyList<SyncConnection> connections, IConfiguration configuration, TimeProvider time)
    {
        Store = store;
        Connections = connections;
        Configuration = configuration;
        Instance = InstanceOptions.Load(configuration);
        Time = time;
    }

    /// <summary>The store itself, unfenced: for what any instance may do (queue webhook work, `retry`, `status`).</summary>
    public ISyncStore Store { get; }
    public IReadOnlyList<SyncConnection> Connections { get; }
    public IConfiguration Configuration { get; }
    /// <summary>This instance: its id in the leases, and how long they last.</summary>
    public InstanceOptions Instance { get; }
    public TimeProvider Time { get; }

    /// <summary>A runtime over a store and connections opened elsewhere (tests, embedding); <see cref="OpenAsync"/> is the usual way.</summary>
    public static ConnectorRuntime Create(ISyncStore store, IReadOnlyList<SyncConnection> connections, IConfiguration configuration) =>
        new(store, connections, configuration, connections.FirstOrDefault()?.Time ?? TimeProvider.System);

    public static async Task<ConnectorRuntime> OpenAsync(IConfiguration configuration, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        var storeOptions = new StoreOptions();
        configuration.GetSection("Store").Bind(storeOptions);
        var store = await SyncStoreFactory.OpenAsync(storeOptions, time, ct);
        var secrets = SecretCipher.FromKey(storeOptions.SecretKey);
        var connections = new List<SyncConnection>();
        foreach (var settings in ConnectionSettings.Load(configuration))
        {
            connections.Add(await ConnectionFactory.CreateAsync(settings, store, time, logs, ct, secrets));
        }
        return new ConnectorRuntime(store, connections, configuration, time);
    }

    /// <summary>Stops at once, naming the missing columns and the command that creates them.</summary>
    public static async Task EnsureColumnsAsync(SyncConnection connection, CancellationToken ct)
    {
        var missing = await new ColumnProvisioner(connection.Dataverse, connection.Columns).MissingAsync(ct);
        if (missing.Count > 0) throw new ConnectionPausedException(connection.Name, ColumnProvisioner.MissingMessage(missing));
    }
}
