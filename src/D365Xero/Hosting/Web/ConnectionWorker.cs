using D365Xero.Sync;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting.Web;

/// <summary>
/// `serve`'s loop for one connection: poll change tracking every <c>Sync:PollInterval</c> (the
/// backstop for lost webhooks), work whatever is ready at once, then sleep until a webhook wakes it,
/// the next poll, or the next retry falls due. No fixed delay: work waiting while Xero has budget
/// goes now, unless changes arrive faster than Xero's budget carries one call each: then a partial batch waits
/// for a fuller one, at most Sync:MaxBatchWait (<see cref="Sync.Pacing.BatchPacer"/>).
/// </summary>
public sealed class ConnectionWorker(SyncConnection connection, WorkSignal signal, bool poll = true)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var runner = new SyncRunner(connection)
        {
            // Partial batches wait for fuller ones while changes arrive faster than Xero's budget carries one call each.
            Pacing = new Sync.Pacing.BatchPacer(connection.Time, connection.Options.MaxBatchWait, connection.Xero.Options, () => connection.Xero.Budget),
        };
        var saved = new WorkerState();
        var nextPoll = connection.Time.GetUtcNow();
        var columnsChecked = false;
        while (!ct.IsCancellationRequested)
        {
            var paused = false;
            try
            {
                if (!columnsChecked) await ConnectorRuntime.EnsureColumnsAsync(connection, ct);
                columnsChecked = true;
                if (poll && connection.Time.GetUtcNow() >= nextPoll)
                {
                    // While webhooks flow, the poll's changes go behind their live ones, in batches of their own (ChangeCapture.BackstopDelay);
                    // without them the poll is how changes arrive, and they go at once. Either way a sweep is not a stream of changes
                    // arriving: queued a millisecond ahead, its rows do not count towards the pacing's arrival rate (JournalLook.Recent)
                    // (after a back-fill, the first sweep reads back the echo of every write-back).
                    runner.Capture.BackstopDelay = connection.Clock.WebhookHeardAt is { } heard && connection.Time.GetUtcNow() - heard <= 2 * connection.Options.PollInterval
                        ? 2 * connection.Options.MaxBatchWait
                        : TimeSpan.FromMilliseconds(1);
                    await runner.Capture.CaptureAsync(connection.Tables.InDrainOrder, ct);
                    nextPoll = connection.Time.GetUtcNow() + connection.Options.PollInterval;
                }
                while (await runner.DrainAsync(ct)) { }
                // Reads after writes: the invoice poll spends what the writes left of the organisation's budget.
                if (poll) await runner.PollInvoicesAsync(ct);
                await connection.Outages.SaveAsync(ct);
                await saved.SaveAsync(connection, ct);
            }
            catch (Journal.LeaseLostException e)
            {
                // Another instance has taken the connection over: its writes are refused from now on, so stop.
                connection.Log.LogWarning("Stopped working connection {Connection}: {Reason}", connection.Name, e.Message);
                return;
            }
            catch (Exception e) when (e is ConnectionPausedException or Errors.RemoteApiException { Kind: Errors.ErrorKind.Auth })
            {
                // A refusal outside a batch (the column check, a change-tracking read) pauses too, as `sync --once` does.
                var reason = e is ConnectionPausedException p ? p.Reason : e.Message;
                connection.Log.LogError("Connection {Connection} is paused: {Reason}", connection.Name, reason);
                await saved.PausedAsync(connection, reason, ct);
                columnsChecked = false;
                paused = true;
                nextPoll = connection.Time.GetUtcNow() + connection.Options.PollInterval;
                // Try again at the next poll: a person may have fixed it meanwhile.
            }
            catch (Errors.RemoteApiException e) when (e.Kind == Errors.ErrorKind.Transient)
            {
                // Capture failed (Dataverse down): the cursor did not move; the next poll reads again. An outage
                // was logged once by its circuit breaker, and its probe wakes this loop.
                if (!connection.Outages.Any) connection.Log.LogWarning("Reading changes failed, will retry at the next poll: {Reason}", e.Message);
                nextPoll = connection.Time.GetUtcNow() + connection.Options.PollInterval;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // Anything else (a change-tracking read refused for good, the store unreachable for a moment) must not
                // end the worker while the host lives on and /readyz still says ready: log it and try at the next poll.
                connection.Log.LogError(Journal.StoreFailure.ForLog(e), "Working connection {Connection} failed; trying again at the next poll: {Reason}", connection.Name, e.Message);
                nextPoll = connection.Time.GetUtcNow() + connection.Options.PollInterval;
            }
            var wake = nextPoll;
            // A paused connection waits for the next poll, not for its queued work, so it does not hammer a refusing service.
            // A service unavailable: nothing is claimed before its probe (rows due meanwhile wait for it), and the probe goes on time.
            if (connection.Outages.Current is [_, ..] outages) wake = Earlier(wake, outages.Min(o => o.NextProbeAt));
            else if (!paused)
            {
                // Rows held for a fuller batch are ready now, yet wait: until the pacing's time, or a webhook that may fill their batch.
                if (runner.HeldUntil is { } held) wake = Earlier(wake, held);
                if (await connection.Store.NextAvailableAsync(connection.Name, ct) is { } due && (runner.HeldUntil is null || due > connection.Time.GetUtcNow()))
                    wake = Earlier(wake, due);
            }
            var wait = wake - connection.Time.GetUtcNow();
            if (!poll && wait > TimeSpan.FromSeconds(30)) wait = TimeSpan.FromSeconds(30);
            if (wait > TimeSpan.Zero) await signal.WaitAsync(connection.Name, wait, connection.Time, ct);
        }
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
