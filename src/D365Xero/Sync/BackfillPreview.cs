using D365Xero.Journal;

namespace D365Xero.Sync;

/// <summary>
/// `backfill --dry-run`: what the first full sync would create, match, skip, refuse or leave waiting,
/// table by table in drain order, decided by each table's own step (the same read and plan the real run
/// executes), reading Dynamics and Xero but writing nothing anywhere. A row that travels inside another
/// (a contact among its account's people) is planned with it.
/// </summary>
public sealed class BackfillPreview(SyncConnection c)
{
    private const int Chunk = 50;

    /// <summary>Invoices the poll reads a call (<c>XeroClient</c>'s page size).</summary>
    private const int PollPageSize = 1000;

    /// <summary>The Xero calls <see cref="PlanAsync"/> made, by operation: the reads matching needs, which the real run makes too.</summary>
    public IReadOnlyDictionary<string, long> ReadsMade { get; private set; } = new Dictionary<string, long>();

    public async Task<IReadOnlyList<PlannedChange>> PlanAsync(IProgress<string>? progress, CancellationToken ct)
    {
        var links = new PreviewLinks(c.Store);
        var services = c.Steps with { Store = links };
        var plan = new List<PlannedChange>();
        var before = c.Xero.CallsMade;
        foreach (var table in c.Tables.InDrainOrder)
        {
            var step = table.Step(services);
            var count = 0;
            foreach (var chunk in (await c.Reader.GetAllIdsAsync(table, ct)).Chunk(Chunk))
            {
                var changes = await step.PreviewAsync(chunk, ct);
                foreach (var change in changes) links.Assume(Assumed(change, c.Name));
                plan.AddRange(changes);
                count += changes.Count;
                progress?.Report($"{table.EntitySet}: {count}");
            }
        }
        ReadsMade = c.Xero.CallsMade.ToDictionary(kv => kv.Key, kv => kv.Value - before.GetValueOrDefault(kv.Key));
        return plan;
    }

    /// <summary>
    /// What the back-fill will spend of Xero's budget: the reads this dry run made, the writes its plan sends, and the round trip's
    /// invoice poll after them when it is due (never the first, which only marks the time) and an order is in Xero by then (pages of 1,000 invoices; invoices changed in Xero
    /// meanwhile by other hands are not foreseen).
    /// </summary>
    public async Task<BackfillCost> CostAsync(IReadOnlyList<PlannedChange> plan, CancellationToken ct)
    {
        var orders = plan.Count(p => p.Table == Tables.SyncedTables.Order.Name && p.Sends);
        var linked = (await c.Store.CountLinksAsync(c.Name, ct)).Any(l => l.Table == Tables.SyncedTables.Order.Name && l.Count > 0);
        var poll = new RoundTrip.RoundTripWork(c).Poll;
        // The first poll only marks the time (no call); a later one, when due, reads what changed since, the back-fill's invoices included.
        var due = await poll.LastLookAsync(ct) is not null && await poll.NextAsync(ct) <= c.Time.GetUtcNow();
        var pollPages = due && (orders > 0 || linked) ? Math.Max(1, (orders + PollPageSize - 1) / PollPageSize) : 0;
        return BackfillCost.Of(plan, ReadsMade, pollPages, c.BatchSize, c.Xero.Options.DayLimit);
    }

    /// <summary>The link a planned row would have once the back-fill sent it: synced (with its key as its number), failed or skipped.</summary>
    private static Link Assumed(PlannedChange change, string connection) => new()
    {
        Connection = connection, Table = change.Table, DynamicsId = change.DynamicsId,
        // Only a row that would reach Xero gets a Xero id: an order whose customer is refused waits for it, as in the real run.
        XeroId = change.XeroId ?? (change.Action is PlannedAction.Fail or PlannedAction.Skip or PlannedAction.Nothing or PlannedAction.Wait ? null : PreviewLinks.PlannedId),
        XeroNumber = change.XeroNumber, Detail = change.LinkDetail,
        Status = change.Action switch
        {
            PlannedAction.Fail => SyncStatus.Error,
            PlannedAction.Skip or PlannedAction.Nothing => SyncStatus.Skipped,
            _ => SyncStatus.Synced,
        },
        LastError = change.Action is PlannedAction.Fail or PlannedAction.Skip ? change.Detail : null,
    };
}
