using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Tables;

namespace D365Xero.Hosting;

/// <summary>What `status` (and the status page) shows of each connection, read from the store only.</summary>
public sealed record StatusReport(IReadOnlyList<StatusReport.ConnectionStatus> Connections)
{
    public sealed record ConnectionStatus(
        string Name,
        string? PausedReason,
        IReadOnlyList<TableStatus> Tables,
        ConnectionState.SeenBudget? XeroBudget,
        IReadOnlyList<Failure> Failures,
        LeaseStatus? Lease = null,
        IReadOnlyList<ServiceOutage>? Outages = null,
        FromXeroStatus? FromXero = null,
        Reconcile.DriftSummary? Drift = null,
        ConnectionState.XeroCalls? XeroCallsToday = null);

    /// <summary>What Xero told us that waits to be read back (webhook events and the poll, by kind), and when Xero was last polled.</summary>
    public sealed record FromXeroStatus(long Invoices, long CreditNotes, long Contacts, DateTimeOffset? LastPoll);

    /// <param name="Holder">The instance working the connection (<c>Instance:Id</c>); null when none holds it.</param>
    /// <param name="Live">False when the holder's lease has run out unrenewed (it died or was cut off): another instance is about to take over.</param>
    public sealed record LeaseStatus(string? Holder, long Fence, DateTimeOffset? ExpiresAt, bool Live);

    public sealed record TableStatus(string Table, long Synced, long Pending, long Failed, long Skipped, bool Tracked);

    public sealed record Failure(string Table, Guid DynamicsId, string? XeroId, string? Reason, int Attempts);

    public static Task<StatusReport> ReadAsync(ISyncStore store, IEnumerable<string> connections, int maxFailures, CancellationToken ct, TimeProvider? time = null) =>
        ReadAsync(store, SyncedTables.Default, connections, maxFailures, ct, time);

    /// <param name="registry">The synced tables, whose rows are counted in drain order.</param>
    public static async Task<StatusReport> ReadAsync(
        ISyncStore store, TableRegistry registry, IEnumerable<string> connections, int maxFailures, CancellationToken ct, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var leases = (await store.ReadLeasesAsync(ct)).ToDictionary(l => l.Connection);
        var result = new List<ConnectionStatus>();
        foreach (var name in connections)
        {
            var counts = await store.CountLinksAsync(name, ct);
            var pending = await store.CountPendingAsync(name, ct);
            var tables = new List<TableStatus>();
            foreach (var table in registry.All.Select(t => t.Name))
            {
                long Count(SyncStatus s) => counts.Where(c => c.Table == table && c.Status == s).Sum(c => c.Count);
                var tracked = await store.GetCursorAsync(name, table, ct) is not null;
                // Pending is the journal's count: a link is Pending only while its row is queued (a row put back by
                // `retry`, or a create whose key was recorded before sending), so adding those links would count it twice.
                var row = new TableStatus(table, Count(SyncStatus.Synced), pending.GetValueOrDefault(table),
                    Count(SyncStatus.Error), Count(SyncStatus.Skipped), tracked);
                if (row is { Synced: 0, Pending: 0, Failed: 0, Skipped: 0, Tracked: false }) continue;
                tables.Add(row);
            }
            var failures = (await store.GetLinksByStatusAsync(name, SyncStatus.Error, maxFailures, ct))
                .Select(l => new Failure(l.Table, l.DynamicsId, l.XeroId, l.LastError, l.FailedAttempts)).ToList();
            result.Add(new ConnectionStatus(name, await ConnectionState.GetPausedAsync(store, name, ct), tables,
                await ConnectionState.GetBudgetAsync(store, name, ct), failures, LeaseOf(leases.GetValueOrDefault(name), now),
                await ConnectionState.GetOutagesAsync(store, name, ct),
                new FromXeroStatus(pending.GetValueOrDefault(RoundTrip.XeroEventQueues.Invoice), pending.GetValueOrDefault(RoundTrip.XeroEventQueues.CreditNote),
                    pending.GetValueOrDefault(RoundTrip.XeroEventQueues.Contact), LastPoll(await store.GetCursorAsync(name, RoundTrip.XeroEventQueues.Invoice, ct))),
                await DriftOfAsync(store, name, ct),
                await ConnectionState.GetCallsAsync(store, name, ct) is { } calls && calls.Day == DateOnly.FromDateTime(now.UtcDateTime) ? calls : null));
        }
        return new StatusReport(result);
    }

    private static DateTimeOffset? LastPoll(string? cursor) =>
        DateTimeOffset.TryParse(cursor, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : null;

    /// <summary>The drift `reconcile` and Xero's contact events last found (docs/product-rules.md#p-master-data-one-way); null when neither ever looked.</summary>
    private static async Task<Reconcile.DriftSummary?> DriftOfAsync(ISyncStore store, string connection, CancellationToken ct) =>
        await Reconcile.DriftLog.ReadAsync(store, connection, ct) is { CheckedAt: not null } state ? Reconcile.DriftLog.Summarise(state) : null;

    private static LeaseStatus? LeaseOf(LeaseState? lease, DateTimeOffset now) => lease switch
    {
        null => null,
        { Holder: null } => new LeaseStatus(null, lease.Fence, null, false),
        _ => new LeaseStatus(lease.Holder, lease.Fence, lease.ExpiresAt, lease.ExpiresAt > now),
    };
}
