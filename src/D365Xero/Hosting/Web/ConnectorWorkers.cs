using D365Xero.Hosting.Leases;
using D365Xero.Sync;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting.Web;

/// <summary>
/// Runs one <see cref="ConnectionWorker"/> per connection this instance holds the lease of, for as long
/// as the host lives. Every <c>Instance:LeaseDuration</c> ÷ 3 it announces itself, lets go of connections
/// whose lease was lost, releases any above its fair share (<see cref="LeaseShare"/>) and takes free or
/// run-out leases up to it. On a graceful stop the workers finish or hand back their batch and every
/// lease is released, so the other instances take the connections at once.
/// </summary>
public sealed class ConnectorWorkers(ConnectorRuntime runtime, WorkSignal signal, ServeSettings settings, ILogger<ConnectorWorkers> log) : BackgroundService
{
    private sealed record Held(SyncConnection Connection, HeldLease Lease, CancellationTokenSource Stop, Task Work);

    private readonly Dictionary<string, Held> _held = new();

    /// <summary>The connections this instance works now (for tests and the log).</summary>
    public IReadOnlyCollection<string> Working
    {
        get { lock (_held) return [.. _held.Keys]; }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var instance = runtime.Instance;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RebalanceAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The store unreachable for a moment: held leases keep renewing on their own; try again next round.
                    log.LogWarning(Journal.StoreFailure.ForLog(e), "Instance {Instance} could not look for connections to work: {Reason}", instance.Id, e.Message);
                }
                await Task.Delay(instance.RenewEvery, runtime.Time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            List<Held> all;
            lock (_held) { all = [.. _held.Values]; _held.Clear(); }
            await Task.WhenAll(all.Select(StopAsync));
            try
            {
                await runtime.Store.RetireInstanceAsync(instance.Id, CancellationToken.None);
            }
            catch (Exception e)
            {
                log.LogWarning(Journal.StoreFailure.ForLog(e), "Instance {Instance} could not retire; the others count it out after one lease duration: {Reason}", instance.Id, e.Message);
            }
        }
    }

    private async Task RebalanceAsync(CancellationToken ct)
    {
        var instance = runtime.Instance;
        foreach (var gone in Snapshot().Where(h => h.Lease.Lost.IsCancellationRequested || h.Work.IsCompleted))
        {
            await LetGoAsync(gone);
        }
        var live = await runtime.Store.AnnounceInstanceAsync(instance.Id, instance.LeaseDuration, ct);
        var share = LeaseShare.For(runtime.Connections.Count, live);
        var order = LeaseShare.Order(runtime.Connections, instance.Id);
        // Above the share (an instance has joined): release the surplus, last-preferred first.
        var held = Snapshot();
        foreach (var surplus in order.Reverse().Select(c => held.FirstOrDefault(h => h.Connection == c)).OfType<Held>().Take(held.Count - share))
        {
            log.LogInformation("Instance {Instance} hands connection {Connection} over ({Live} instances live, share {Share})",
                instance.Id, surplus.Connection.Name, live, share);
            await LetGoAsync(surplus);
        }
        foreach (var connection in order)
        {
            if (Snapshot().Count >= share) break;
            if (Snapshot().Any(h => h.Connection == connection)) continue;
            if (await HeldLease.TryAcquireAsync(connection, runtime.Store, instance, ct) is not { } lease) continue;
            var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
            var work = Task.Run(() => new ConnectionWorker(connection, signal, settings.Poll).RunAsync(stop.Token), CancellationToken.None);
            lock (_held) _held[connection.Name] = new Held(connection, lease, stop, work);
        }
    }

    private List<Held> Snapshot()
    {
        lock (_held) return [.. _held.Values];
    }

    private async Task LetGoAsync(Held held)
    {
        lock (_held) _held.Remove(held.Connection.Name);
        await StopAsync(held);
    }

    /// <summary>Stops the worker (it hands back its batch), then releases the lease.</summary>
    private async Task StopAsync(Held held)
    {
        await held.Stop.CancelAsync();
        try
        {
            await held.Work;
        }
        catch (Exception e) when (e is OperationCanceledException or Journal.LeaseLostException)
        {
            // Stopped, or already refused by the fence.
        }
        catch (Exception e)
        {
            log.LogError(Journal.StoreFailure.ForLog(e), "The worker of connection {Connection} failed: {Reason}", held.Connection.Name, e.Message);
        }
        await held.Lease.DisposeAsync();
        held.Stop.Dispose();
    }
}
