using D365Xero.Sync;

namespace D365Xero.Hosting;

/// <summary>
/// A spent Xero day budget and one-shot runs: the park an earlier process saw is restored from the store
/// (it deferred its rows to the park's end, and only the park says why they wait), and a run that meets
/// a park ends at once saying until when, instead of waiting for the day to reset.
/// </summary>
public static class ParkedBudget
{
    /// <summary>Restores a park still running from the store into the connection's gate.</summary>
    public static async Task RestoreAsync(SyncConnection connection, CancellationToken ct)
    {
        var seen = await ConnectionState.GetBudgetAsync(connection.Store, connection.Name, ct);
        if (seen?.Budget.ParkedUntil is { } until && until > connection.Time.GetUtcNow()) connection.Xero.RestorePark(until);
    }

    /// <summary>The line a one-shot run ends with while the organisation is parked and rows wait; null otherwise.</summary>
    public static async Task<string?> ReasonAsync(SyncConnection connection, CancellationToken ct)
    {
        if (connection.Xero.Budget.ParkedUntil is not { } until) return null;
        var waiting = (await connection.Store.CountPendingAsync(connection.Name, ct)).Values.Sum();
        return waiting == 0 ? null : $"Parked until {until:u} (Xero's daily call limit is spent); {waiting} rows wait for the next run after then.";
    }
}
