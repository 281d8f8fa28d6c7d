using System.Collections.Concurrent;
using D365Xero.Sync;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting.Web;

/// <summary>
/// The Xero organisation (tenant id) each connection writes to, as the Xero webhook intake needs it to send each
/// event to its own connection: the configured <c>Xero:TenantId</c>; else the tenant of the connection's grant
/// (a standard app, from <c>connect</c>); else the one organisation <c>GET /connections</c> lists (a Custom
/// Connection reaches exactly one, https://developer.xero.com/faq/custom-integration). The same order
/// <c>check</c> and <see cref="Target.Xero.XeroClient"/> use. Learned once per process and kept: a post costs no
/// Xero call. A failed lookup is forgotten, so the next post tries again.
/// </summary>
public sealed class XeroConnectionTenants(ILogger logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Guid>>> _tenants = new();

    /// <summary>The connection's tenant, looked up at most once at a time; waiting is bounded by <paramref name="ct"/>, the lookup itself is not, so a slow one still lands for the next post.</summary>
    public Task<Guid> GetAsync(SyncConnection connection, CancellationToken ct)
    {
        var lookup = _tenants.GetOrAdd(connection.Name, _ => Lookup(connection));
        return lookup.Value.WaitAsync(ct);
    }

    /// <summary>One look-up, which takes itself out of the cache when it fails (and only itself, not a newer one).</summary>
    private Lazy<Task<Guid>> Lookup(SyncConnection connection)
    {
        Lazy<Task<Guid>>? self = null;
        self = new Lazy<Task<Guid>>(async () =>
        {
            try
            {
                return await LookUpAsync(connection);
            }
            catch
            {
                _tenants.TryRemove(KeyValuePair.Create(connection.Name, self!));
                throw;
            }
        });
        return self;
    }

    /// <summary>Starts the look-ups (serve's start), so the first post from Xero does not wait for them.</summary>
    public void Warm(IEnumerable<SyncConnection> connections)
    {
        foreach (var connection in connections)
        {
            _ = GetAsync(connection, CancellationToken.None).ContinueWith(
                t => logger.LogWarning(t.Exception?.GetBaseException(), "Could not learn which Xero organisation connection {Connection} serves; tried again on the next post from Xero", connection.Name),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private async Task<Guid> LookUpAsync(SyncConnection connection)
    {
        var xero = connection.Xero;
        if (Guid.TryParse(xero.Options.TenantId, out var configured)) return configured;
        var token = await xero.Tokens.GetAccessTokenAsync(CancellationToken.None);
        if (Guid.TryParse(token.TenantId, out var granted)) return granted;
        var organisations = (await xero.GetConnectionsAsync(CancellationToken.None))
            .Where(c => c.TenantType is null || c.TenantType == "ORGANISATION").ToList();
        if (organisations.Count == 1)
        {
            logger.LogInformation("Connection {Connection} serves Xero organisation {Tenant}", connection.Name, organisations[0].TenantId);
            return organisations[0].TenantId;
        }
        throw new InvalidOperationException(
            $"Connection '{connection.Name}' sets no Xero:TenantId and its token reaches {organisations.Count} organisations: set Xero__TenantId.");
    }
}
