using System.Text.Json;
using D365Xero.Journal;

namespace D365Xero.Reconcile;

/// <summary>
/// The drift `status` shows, kept in the store (one value per connection, <see cref="ISyncStore.SetSecretAsync"/>, like
/// <see cref="Hosting.ConnectionState"/>): the records found drifting by the last `reconcile`, updated since by Xero's
/// CONTACT events (<see cref="ContactDriftStep"/>): a contact found drifting is added, one found matching is removed.
/// </summary>
public static class DriftLog
{
    private const string Key = "state.drift";

    // One process's writers take turns (the drain may run batches side by side); the value is small and rewritten whole.
    private static readonly SemaphoreSlim Turn = new(1, 1);

    /// <summary>One drifting record as kept: its table, row, kind and the names of the fields that differ.</summary>
    public sealed record Entry(string Table, Guid DynamicsId, string? XeroId, DriftKind Kind, IReadOnlyList<string> Fields, DateTimeOffset SeenAt);

    /// <param name="ReconciledAt">When `reconcile` last ran on the connection; null when it never has.</param>
    /// <param name="CheckedAt">When the drift was last looked at, by `reconcile` or a Xero event.</param>
    public sealed record State(DateTimeOffset? ReconciledAt, DateTimeOffset? CheckedAt, IReadOnlyList<Entry> Records)
    {
        public static readonly State Empty = new(null, null, []);
    }

    public static async Task<State> ReadAsync(ISyncStore store, string connection, CancellationToken ct) =>
        await store.GetSecretAsync(connection, Key, ct) is { } json ? JsonSerializer.Deserialize<State>(json) ?? State.Empty : State.Empty;

    /// <summary>A full `reconcile` replaces what was known.</summary>
    public static async Task RecordReconcileAsync(ISyncStore store, string connection, ReconcileReport report, CancellationToken ct)
    {
        var records = report.Findings.Select(f => EntryOf(f, report.At)).ToList();
        await UpdateAsync(store, connection, _ => new State(report.At, report.At, records), ct);
    }

    /// <summary>
    /// What a check of some records found (Xero said they changed): each of <paramref name="checkedRows"/> is replaced by
    /// its finding in <paramref name="found"/>, or removed when it has none (it matches Dynamics again). The API the
    /// round trip's drain calls, through <see cref="ContactDriftStep"/>.
    /// </summary>
    public static Task RecordCheckAsync(ISyncStore store, string connection, IReadOnlyCollection<(string Table, Guid DynamicsId)> checkedRows,
        IReadOnlyList<DriftFinding> found, DateTimeOffset at, CancellationToken ct) =>
        UpdateAsync(store, connection, state =>
        {
            var looked = checkedRows.ToHashSet();
            var kept = state.Records.Where(r => !looked.Contains((r.Table, r.DynamicsId)) || r.Kind == DriftKind.DuplicateName);
            return state with { CheckedAt = at, Records = [.. kept, .. found.Select(f => EntryOf(f, at))] };
        }, ct);

    /// <summary>Per table: how many records differ (or are archived in Xero), are missing on one side, or share a name, for `status`.</summary>
    public static DriftSummary Summarise(State state) => new(state.ReconciledAt, state.CheckedAt,
        state.Records.GroupBy(r => r.Table).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new DriftSummary.TableDrift(g.Key,
            g.Count(r => r.Kind is DriftKind.Differs or DriftKind.ArchivedInXero),
            g.Count(r => r.Kind is DriftKind.MissingInXero or DriftKind.MissingInDynamics),
            g.Count(r => r.Kind == DriftKind.DuplicateName))).ToList());

    private static Entry EntryOf(DriftFinding f, DateTimeOffset at) => new(f.Table, f.DynamicsId, f.XeroId, f.Kind, f.Fields.Select(d => d.Field).ToList(), at);

    private static async Task UpdateAsync(ISyncStore store, string connection, Func<State, State> change, CancellationToken ct)
    {
        await Turn.WaitAsync(ct);
        try
        {
            var next = change(await ReadAsync(store, connection, ct));
            await store.SetSecretAsync(connection, Key, JsonSerializer.Serialize(next), ct);
        }
        finally
        {
            Turn.Release();
        }
    }
}

/// <summary>What `status` shows of drift: when `reconcile` last ran, when drift was last checked, and per table the counts.</summary>
public sealed record DriftSummary(DateTimeOffset? ReconciledAt, DateTimeOffset? CheckedAt, IReadOnlyList<DriftSummary.TableDrift> Tables)
{
    public sealed record TableDrift(string Table, int Differing, int Missing, int Duplicates);
}
