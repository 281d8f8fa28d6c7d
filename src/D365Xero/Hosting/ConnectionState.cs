using System.Text.Json;
using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Target.Xero.RateLimiting;

namespace D365Xero.Hosting;

/// <summary>
/// What `status` shows of a connection beyond its rows: why it is paused (if it is), the services it
/// found unavailable, and Xero's budget as last seen, kept in the store so any process can read them.
/// </summary>
public static class ConnectionState
{
    private const string PausedKey = "state.paused";
    private const string BudgetKey = "state.xero-budget";
    private const string OutagesKey = "state.outages";
    private const string CallsKey = "state.xero-calls";

    public static Task SetPausedAsync(ISyncStore store, string connection, string? reason, CancellationToken ct) =>
        store.SetSecretAsync(connection, PausedKey, reason, ct);

    public static Task<string?> GetPausedAsync(ISyncStore store, string connection, CancellationToken ct) =>
        store.GetSecretAsync(connection, PausedKey, ct);

    /// <summary>
    /// Saved only by a process that called Xero (or was parked by it): one that made no call knows nothing of
    /// the budget, and its untouched counts would hide what a running `serve` is spending.
    /// </summary>
    public static Task SaveBudgetAsync(ISyncStore store, string connection, RateBudget budget, DateTimeOffset at, CancellationToken ct) =>
        budget is { CallsMade: 0, ParkedUntil: null }
            ? Task.CompletedTask
            : store.SetSecretAsync(connection, BudgetKey, JsonSerializer.Serialize(new SeenBudget(budget, at)), ct);

    public static async Task<SeenBudget?> GetBudgetAsync(ISyncStore store, string connection, CancellationToken ct) =>
        await store.GetSecretAsync(connection, BudgetKey, ct) is { } json ? JsonSerializer.Deserialize<SeenBudget>(json) : null;

    /// <summary>The services this connection found unavailable, as its worker last saw them (none: an empty list).</summary>
    public static Task SetOutagesAsync(ISyncStore store, string connection, IReadOnlyList<ServiceOutage> outages, CancellationToken ct) =>
        store.SetSecretAsync(connection, OutagesKey, outages.Count == 0 ? null : JsonSerializer.Serialize(outages), ct);

    public static async Task<IReadOnlyList<ServiceOutage>> GetOutagesAsync(ISyncStore store, string connection, CancellationToken ct) =>
        await store.GetSecretAsync(connection, OutagesKey, ct) is { } json ? JsonSerializer.Deserialize<List<ServiceOutage>>(json) ?? [] : [];

    /// <summary>Adds the Xero calls this process made since it last saved (by operation) to today's count for the connection.</summary>
    public static Task SaveCallsAsync(Sync.SyncConnection connection, CancellationToken ct) =>
        SaveCallsAsync(connection.Store, connection.Name, connection.Xero.TakeCallsSinceLastTake(), connection.Time.GetUtcNow(), ct);

    /// <summary>
    /// Adds <paramref name="spent"/> to the count of the day (UTC) of <paramref name="at"/>; a count of an earlier day is replaced.
    /// Every process working the connection adds its own calls, so `status` shows what the organisation's budget was spent on today.
    /// </summary>
    public static async Task SaveCallsAsync(ISyncStore store, string connection, IReadOnlyDictionary<string, long> spent, DateTimeOffset at, CancellationToken ct)
    {
        if (spent.Count == 0) return;
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var seen = await GetCallsAsync(store, connection, ct);
        var calls = seen?.Day == day ? new Dictionary<string, long>(seen.ByOperation, StringComparer.Ordinal) : new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (operation, count) in spent) calls[operation] = calls.GetValueOrDefault(operation) + count;
        await store.SetSecretAsync(connection, CallsKey, JsonSerializer.Serialize(new XeroCalls(day, calls)), ct);
    }

    /// <summary>The Xero calls saved for the connection's latest day with any; null when none were ever saved.</summary>
    public static async Task<XeroCalls?> GetCallsAsync(ISyncStore store, string connection, CancellationToken ct) =>
        await store.GetSecretAsync(connection, CallsKey, ct) is { } json ? JsonSerializer.Deserialize<XeroCalls>(json) : null;

    public sealed record SeenBudget(RateBudget Budget, DateTimeOffset SeenAt);

    /// <summary>Xero calls made on one day (UTC), by operation (<c>POST Contacts</c>, <c>GET Invoices (poll)</c>).</summary>
    public sealed record XeroCalls(DateOnly Day, IReadOnlyDictionary<string, long> ByOperation)
    {
        public long Total => ByOperation.Values.Sum();
    }
}
