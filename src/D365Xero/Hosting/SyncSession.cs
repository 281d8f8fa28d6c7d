using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Sync;
using Microsoft.Extensions.Logging;

namespace D365Xero.Hosting;

/// <summary>
/// One pass over every connection (`sync --once`, `backfill`, the sandbox): columns checked,
/// changes captured, journal drained. A paused connection says why in the store and does not
/// stop the others.
/// </summary>
public static class SyncSession
{
    public sealed record Outcome(SyncConnection Connection, string? PausedReason, long XeroCalls, long FailedRows);

    public static async Task<IReadOnlyList<Outcome>> RunAsync(ConnectorRuntime runtime, bool waitForRetries, CancellationToken ct)
    {
        var outcomes = new List<Outcome>();
        foreach (var connection in runtime.Connections)
        {
            outcomes.Add(await RunAsync(connection, waitForRetries, ct));
        }
        return outcomes;
    }

    public static async Task<Outcome> RunAsync(SyncConnection connection, bool waitForRetries, CancellationToken ct)
    {
        string? paused = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ConnectorRuntime.EnsureColumnsAsync(connection, ct);
                await new SyncRunner(connection).RunOnceAsync(waitForRetries, ct);
                break;
            }
            catch (ConnectionPausedException e)
            {
                paused = e.Reason;
                break;
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
        await ConnectionState.SaveBudgetAsync(connection.Store, connection.Name, connection.Xero.Budget, connection.Time.GetUtcNow(), ct);
        var failed = (await connection.Store.CountLinksAsync(connection.Name, ct))
            .Where(c => c.Status == SyncStatus.Error).Sum(c => c.Count);
        return new Outcome(connection, paused, connection.Xero.CallsMade.Values.Sum(), failed);
    }
}
