using D365Xero.Configuration;
using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.WriteBack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace D365Xero.Hosting;

/// <summary>The store and every configured connection, opened once per command.</summary>
public sealed class ConnectorRuntime
{
    internal ConnectorRuntime(ISyncStore store, IReadOnlyList<SyncConnection> connections, IConfiguration configuration, InstanceOptions instance, TimeProvider time)
    {
        Store = store;
        Connections = connections;
        Configuration = configuration;
        Instance = instance;
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
        new(store, connections, configuration, InstanceOptions.Load(configuration), connections.FirstOrDefault()?.Time ?? TimeProvider.System);

    /// <summary>
    /// Opens the runtime through the same composition as the verbs (<see cref="ConnectorRuntimeServices.AddConnector"/>),
    /// for tests and the bench: every setting is checked first, and a wrong one throws an
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming its key.
    /// </summary>
    public static async Task<ConnectorRuntime> OpenAsync(IConfiguration configuration, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        var services = new ServiceCollection().AddSingleton(configuration).AddSingleton(time).AddSingleton(logs).AddConnector(configuration);
        // Not disposed: the clients it hands out live as long as the runtime, as they did before.
        var provider = services.BuildServiceProvider();
        provider.GetService<IStartupValidator>()?.Validate();
        return await provider.GetRequiredService<ConnectorRuntimeOpener>().OpenAsync(ct);
    }

    /// <summary>Stops at once, naming the missing columns and the command that creates them.</summary>
    public static async Task EnsureColumnsAsync(SyncConnection connection, CancellationToken ct)
    {
        var missing = await new ColumnProvisioner(connection.Dataverse, connection.Columns).MissingAsync(ct);
        if (missing.Count > 0) throw new ConnectionPausedException(connection.Name, ColumnProvisioner.MissingMessage(missing));
    }
}
