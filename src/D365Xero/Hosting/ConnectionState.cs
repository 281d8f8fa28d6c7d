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

    public sealed record SeenBudget(RateBudget Budget, DateTimeOffset SeenAt);
}
