using D365Xero.Configuration;
using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Source.Dataverse;
using D365Xero.Sync;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.Auth;
using D365Xero.Target.Xero.RateLimiting;
using D365Xero.WriteBack;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace D365Xero.Hosting;

/// <summary>
/// Builds one connection's clients from its settings. A Xero connection with a stored grant (from
/// `connect`) uses the refresh-token flow; otherwise it is a Custom Connection (client credentials).
/// </summary>
public static class ConnectionFactory
{
    /// <param name="secrets">Opens the stored grant (<c>Store__SecretKey</c>); null when no key is configured.</param>
    /// <param name="http">The named clients (<see cref="ConnectorHttpClients"/>); default: the process-wide factory.</param>
    public static async Task<SyncConnection> CreateAsync(
        ConnectionSettings settings, ISyncStore store, TimeProvider time, ILoggerFactory logs, CancellationToken ct,
        SecretCipher? secrets = null, IHttpClientFactory? http = null)
    {
        http ??= ConnectorHttpClients.Shared;
        // The connection's own view of the store: its writes are fenced once a lease is bound (see HeldLease).
        store = store as LeasedStore ?? new LeasedStore(store);
        var dataverseOptions = Options.Create(settings.Dataverse);
        var dataverseHttp = http.CreateClient(ConnectorHttpClients.Dataverse);
        var entra = new EntraTokenSource(dataverseHttp, dataverseOptions, time);
        var log = logs.CreateLogger($"D365Xero.Sync.{settings.Name}");
        // One circuit breaker per connection and service: an outage of one organisation's Xero does not stop another's.
        var dataverseBreaker = new ServiceBreaker("Dataverse", settings.Dataverse.Url, settings.Sync.Outages, time, log);
        var dataverse = new DataverseClient(dataverseHttp, entra, dataverseOptions, time, logger: logs.CreateLogger<DataverseClient>(), breaker: dataverseBreaker);

        var xeroHttp = http.CreateClient(ConnectorHttpClients.Xero);
        var grants = new StoredXeroGrants(store, secrets);
        // Only whether a grant exists decides the flow here; a grant that will not open (no key, wrong
        // key) pauses the connection on its first call, saying which, instead of stopping every verb.
        IXeroTokenSource tokens = !await grants.ExistsAsync(settings.Name, ct)
            ? new XeroClientCredentialsTokenSource(xeroHttp, settings.Xero, time)
            : new XeroRefreshTokenSource(xeroHttp, settings.Xero, grants, settings.Name, time);
        var xeroBreaker = new ServiceBreaker("Xero", settings.Xero.ApiUrl.ToString(), settings.Sync.Outages, time, log);
        var xero = new XeroClient(xeroHttp, settings.Xero, tokens, new RateGate(settings.Xero, time), time, logs.CreateLogger<XeroClient>(), xeroBreaker);

        return new SyncConnection(
            settings.Name, store, dataverse, xero, new WriteBackColumns(settings.Dataverse.ColumnPrefix),
            settings.Sync, settings.Xero.BatchSize, time, log);
    }
}
