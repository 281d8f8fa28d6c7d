using D365Xero.Configuration;
using D365Xero.Journal;
using D365Xero.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace D365Xero.Hosting;

/// <summary>Opens the store and every configured connection from the validated options, once.</summary>
public sealed class ConnectorRuntimeOpener(
    IOptions<StoreOptions> store, IOptions<InstanceOptions> instance, IOptionsMonitor<ConnectionSettings> connections,
    IReadOnlyList<ConnectionSection> sections, IHttpClientFactory http, ILoggerFactory logs, TimeProvider time, IConfiguration configuration)
{
    private ConnectorRuntime? _runtime;

    /// <summary>The runtime <see cref="OpenAsync"/> opened.</summary>
    public ConnectorRuntime Runtime => _runtime ?? throw new InvalidOperationException("The connector is not open yet.");

    public async Task<ConnectorRuntime> OpenAsync(CancellationToken ct)
    {
        if (_runtime is not null) return _runtime;
        var opened = await SyncStoreFactory.OpenAsync(store.Value, time, ct);
        var secrets = SecretCipher.FromKey(store.Value.SecretKey);
        var list = new List<SyncConnection>();
        foreach (var section in sections)
        {
            list.Add(await ConnectionFactory.CreateAsync(connections.Get(section.Name), opened, time, logs, ct, secrets, http));
        }
        return _runtime = new ConnectorRuntime(opened, list, configuration, instance.Value, time);
    }
}
