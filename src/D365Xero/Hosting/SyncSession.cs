using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Sync;

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
        try
        {
            await ConnectorRuntime.EnsureColumnsAsync(connection, ct);
            await new SyncRunner(connection).RunOnceAsync(waitForRetries, ct);
        }
        catch (ConnectionPausedException e)
        {
            paused = e.Reason;
        }
        catch (RemoteApiException e) when (e.Kind == ErrorKind.Auth)
        {
            paused = e.Message;
        }
        await ConnectionState.SetPausedAsync(connection.Store, connection.Name, paused, ct);
        await ConnectionState.SaveBudgetAsync(connection.Store, connection.Name, connection.Xero.Budget, connection.Time.GetUtcNow(), ct);
        var failed = (await connection.Store.CountLinksAsync(connection.Name, ct))
            .Where(c => c.Status == SyncStatus.Error).Sum(c => c.Count);
        return new Outcome(connection, paused, connection.Xero.CallsMade.Values.Sum(), failed);
    }
}
