using D365Xero.Errors;
using D365Xero.Hosting.Leases;
using D365Xero.Journal;
using D365Xero.Sync;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting;

/// <summary>
/// One pass over every connection (`sync --once`, `backfill`, the sandbox): lease taken, columns
/// checked, changes captured, journal drained, lease released. A paused connection says why in the
/// store and does not stop the others; nor does one another instance is working (it is skipped, saying so).
/// </summary>
public static class SyncSession
{
    /// <param name="SkippedReason">Set when this run did not work the connection (or stopped) because another instance holds it.</param>
    /// <param name="UnavailableReason">Set when the run stopped waiting for a service that stayed unavailable (Sync:OutageGiveUp), or ended at once on a parked day budget: nothing failed, the rows wait.</param>
    public sealed record Outcome(SyncConnection Connection, string? PausedReason, long XeroCalls, long FailedRows, string? SkippedReason = null, string? UnavailableReason = null);

    public static async Task<IReadOnlyList<Outcome>> RunAsync(ConnectorRuntime runtime, bool waitForRetries, CancellationToken ct)
    {
        var outcomes = new List<Outcome>();
        foreach (var connection in runtime.Connections)
        {
            outcomes.Add(await RunLeasedAsync(runtime, connection, waitForRetries, ct));
        }
        return outcomes;
    }

    /// <summary>
    /// Works the connection only while holding its lease, so a one-shot run never works a connection
    /// beside `serve`. A lease renewed within the last renewal interval belongs to a live instance: the
    /// connection is skipped at once, saying which. One not renewed for longer may be a dead holder's: it
    /// is waited for (saying so) up to one lease duration, within which it runs out, and skipped if it is renewed meanwhile.
    /// </summary>
    private static async Task<Outcome> RunLeasedAsync(ConnectorRuntime runtime, SyncConnection connection, bool waitForRetries, CancellationToken ct)
    {
        var instance = runtime.Instance;
        var giveUpAt = connection.Time.GetUtcNow() + instance.LeaseDuration + instance.RenewEvery;
        HeldLease? lease;
        var said = false;
        while ((lease = await HeldLease.TryAcquireAsync(connection, runtime.Store, instance, ct)) is null)
        {
            var holder = (await runtime.Store.ReadLeasesAsync(ct)).FirstOrDefault(l => l.Connection == connection.Name);
            var now = connection.Time.GetUtcNow();
            var renewedLately = holder is { Holder: not null } && holder.ExpiresAt - now > instance.LeaseDuration - instance.RenewEvery;
            if (now >= giveUpAt || renewedLately)
            {
                return new Outcome(connection, null, 0, 0,
                    $"Skipped: instance '{holder?.Holder}' is working this connection (its lease runs until {holder?.ExpiresAt:u} and is being renewed). Stop it, or let it do the work.");
            }
            if (!said)
            {
                connection.Log.LogWarning("Connection {Connection} is held by instance '{Holder}' until {Until:u}, not renewed lately; waiting for it to run out.",
                    connection.Name, holder?.Holder, holder?.ExpiresAt);
                said = true;
            }
            await Task.Delay(instance.RenewEvery, connection.Time, ct);
        }
        await using (lease)
        {
            using var work = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
            try
            {
                return await RunAsync(connection, waitForRetries, work.Token);
            }
            catch (Exception e) when (e is LeaseLostException || (e is OperationCanceledException && lease.Lost.IsCancellationRequested && !ct.IsCancellationRequested))
            {
                return new Outcome(connection, null, connection.Xero.CallsMade.Values.Sum(), 0,
                    $"Stopped: another instance took this connection over mid-run ({e.Message}). It carries on from where this run stopped.");
            }
        }
    }

    public static async Task<Outcome> RunAsync(SyncConnection connection, bool waitForRetries, CancellationToken ct)
    {
        string? paused = null, unavailable = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ParkedBudget.RestoreAsync(connection, ct);
                await ConnectorRuntime.EnsureColumnsAsync(connection, ct);
                await new SyncRunner(connection).RunOnceAsync(waitForRetries, ct);
                unavailable = await ParkedBudget.ReasonAsync(connection, ct);
                break;
            }
            catch (ConnectionPausedException e)
            {
                paused = e.Reason;
                break;
            }
            catch (ServiceUnavailableException e)
            {
                unavailable = e.Message;
                break;
            }
            catch (RemoteApiException e) when (ServiceBreaker.IsOutage(e) && connection.Outages.Any)
            {
                // Outside a batch (columns check, change capture) the service is unavailable: wait for its probe
                // (a one-shot run at most Sync:OutageGiveUp) and go again; this is not an attempt.
                attempt--;
                try
                {
                    await connection.Outages.WaitForProbeAsync(waitForRetries, ct);
                    await connection.Outages.ProbeAsync(ct);
                }
                catch (ServiceUnavailableException gaveUp)
                {
                    unavailable = gaveUp.Message;
                    break;
                }
            }
            catch (RemoteApiException e) when (e.Kind == ErrorKind.Auth)
            {
                paused = e.Message;
                break;
            }
            catch (RemoteApiException e) when (e.Kind == ErrorKind.Transient)
            {
                // Outside a batch (columns check, change capture) a service that is throttling or down
                // after the client's own retries: wait and go again, or end this run saying why.
                if (!waitForRetries || attempt >= connection.Options.MaxAttempts)
                {
                    paused = $"The run stopped: {e.Message} Nothing was lost; the next run carries on.";
                    break;
                }
                var wait = e.RetryAfter ?? TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempt)));
                connection.Log.LogWarning("{Reason}; trying again in {Delay}", e.Message, wait);
                await Task.Delay(wait, connection.Time, ct);
            }
        }
        await ConnectionState.SetPausedAsync(connection.Store, connection.Name, paused, ct);
        await connection.Outages.SaveAsync(ct);
        await ConnectionState.SaveBudgetAsync(connection.Store, connection.Name, connection.Xero.Budget, connection.Time.GetUtcNow(), ct);
        await ConnectionState.SaveCallsAsync(connection, ct);
        var failed = (await connection.Store.CountLinksAsync(connection.Name, ct))
            .Where(c => c.Status == SyncStatus.Error).Sum(c => c.Count);
        return new Outcome(connection, paused, connection.Xero.CallsMade.Values.Sum(), failed, UnavailableReason: unavailable);
    }
}
