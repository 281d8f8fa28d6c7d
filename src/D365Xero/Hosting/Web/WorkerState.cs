using D365Xero.Sync;

namespace D365Xero.Hosting.Web;

/// <summary>
/// What a connection's worker last saved for `status` (paused or not, Xero's budget, the calls it made), so a wake-up that
/// changed none of it writes nothing: a live change wakes the worker once, and four store writes of the same state cost more
/// than the change's own journal entry.
/// </summary>
internal sealed class WorkerState
{
    private bool _pausedKnown;
    private string? _paused;
    private (long Calls, DateTimeOffset? Parked, long Http429, DateTimeOffset? ReadsHeld)? _budget;

    /// <summary>After a wake-up that ran: not paused, the budget as it is now, and the calls made since the last save.</summary>
    public async Task SaveAsync(SyncConnection connection, CancellationToken ct)
    {
        await PausedAsync(connection, null, ct);
        var budget = connection.Xero.Budget;
        // The minute's and day's remaining calls move with every call, and with time; saved with the calls that moved them.
        var seen = (budget.CallsMade, budget.ParkedUntil, budget.Http429, budget.ReadsHeldUntil);
        if (seen != _budget)
        {
            await ConnectionState.SaveBudgetAsync(connection.Store, connection.Name, budget, connection.Time.GetUtcNow(), ct);
            _budget = seen;
        }
        await ConnectionState.SaveCallsAsync(connection, ct);
    }

    /// <summary>Saves why the connection is paused (null: it is not), when that is not what this worker saved last.</summary>
    public async Task PausedAsync(SyncConnection connection, string? reason, CancellationToken ct)
    {
        if (_pausedKnown && _paused == reason) return;
        await ConnectionState.SetPausedAsync(connection.Store, connection.Name, reason, ct);
        (_pausedKnown, _paused) = (true, reason);
    }
}
