using D365Xero.Configuration;
using D365Xero.Journal;
using D365Xero.Sync;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting.Leases;

/// <summary>
/// A connection's lease while this instance works it: taken, bound to the connection's store (so its
/// writes are fenced), renewed every <see cref="InstanceOptions.RenewEvery"/>, and released on dispose.
/// <see cref="Lost"/> fires when a renewal finds another holder, or when the store could not be reached
/// to renew before the lease ran out: the work must stop, as another instance may take over.
/// </summary>
public sealed class HeldLease : IAsyncDisposable
{
    private readonly ILeaseStore _store;
    private readonly InstanceOptions _instance;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewing;

    private HeldLease(ILeaseStore store, Lease lease, InstanceOptions instance, TimeProvider time, ILogger log)
    {
        _store = store;
        Lease = lease;
        _instance = instance;
        _time = time;
        _log = log;
        _renewing = RenewAsync();
    }

    public Lease Lease { get; private set; }

    /// <summary>Cancelled once the lease is no longer ours.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Takes the connection's lease if it is free, run out or ours; null when another instance holds it live.</summary>
    public static async Task<HeldLease?> TryAcquireAsync(SyncConnection connection, ILeaseStore store, InstanceOptions instance, CancellationToken ct)
    {
        var lease = await store.TryAcquireLeaseAsync(connection.Name, instance.Id, instance.LeaseDuration, ct);
        if (lease is null) return null;
        // Unbound stores (a connection built outside ConnectorRuntime) still take the lease; only their writes go unchecked.
        if (connection.Store is LeasedStore leased) leased.Bind(lease);
        // Another instance may have written to Xero while this one did not hold the connection: read it afresh.
        connection.Indexes.Reset();
        connection.Log.LogInformation("Instance {Instance} took connection {Connection} (fence {Fence})", instance.Id, connection.Name, lease.Fence);
        return new HeldLease(store, lease, instance, connection.Time, connection.Log);
    }

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(_instance.RenewEvery, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    if (await _store.RenewLeaseAsync(Lease, _instance.LeaseDuration, _stop.Token) is not { } renewed)
                    {
                        _log.LogWarning("Instance {Instance} lost connection {Connection} to another instance", Lease.Holder, Lease.Connection);
                        await _lost.CancelAsync();
                        return;
                    }
                    Lease = renewed;
                }
                catch (Exception e) when (!_stop.IsCancellationRequested)
                {
                    // The store unreachable for a moment: try again next tick, unless the lease has run out meanwhile.
                    _log.LogWarning(StoreFailure.ForLog(e), "Renewing the lease of connection {Connection} failed: {Reason}", Lease.Connection, e.Message);
                    if (_time.GetUtcNow() < Lease.ExpiresAt) continue;
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>Stops renewing and frees the lease for the other instances (nothing to free when it was lost).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await _store.ReleaseLeaseAsync(Lease, CancellationToken.None);
            }
            catch (Exception e)
            {
                // Not freed: it runs out on its own after Instance:LeaseDuration.
                _log.LogWarning(StoreFailure.ForLog(e), "Releasing the lease of connection {Connection} failed: {Reason}", Lease.Connection, e.Message);
            }
        }
        _stop.Dispose();
        _lost.Dispose();
    }
}
