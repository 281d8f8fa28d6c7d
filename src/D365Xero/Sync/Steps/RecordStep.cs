using D365Xero.Journal;
using D365Xero.Source;
using D365Xero.Tables;
using D365Xero.WriteBack;
using Microsoft.Extensions.Logging;

namespace D365Xero.Sync.Steps;

/// <summary>
/// The one shape of every step that sends rows to Xero: Read → Plan → Send (one batched call) → Record
/// (links, counters) → Write back. A table supplies only its reader, planner (mapper and matcher) and
/// sender; attempts, counters, failures, waiting for dependencies and write-back live here, once.
/// </summary>
/// <remarks>
/// Checkpoints where work may run twice, and why that is harmless: (1) Xero applied the batch but the
/// process died before the links were recorded: the next pass matches the records by their natural
/// key (ContactNumber, Code, Reference) and updates them instead of creating others. (2) Links recorded
/// but write-back not done: the next pass sees an unchanged hash, sends nothing, and writes back what
/// the row lacks.
/// </remarks>
public abstract class RecordStep<TRow, TPayload, TBatch>(StepServices s) : ISyncStep
    where TPayload : class where TBatch : RowBatch<TRow>
{
    protected StepServices S { get; } = s;

    protected abstract SyncedTable Table { get; }

    /// <summary>Reads the rows as they are now, and whatever else planning them needs, a few calls for the batch.</summary>
    protected abstract Task<TBatch> ReadAsync(IReadOnlyList<Guid> ids, CancellationToken ct);

    /// <summary>Decides each row (matching reads the Xero indexes); writes nothing.</summary>
    protected abstract Task<IReadOnlyList<RowPlan<TPayload>>> PlanAsync(TBatch batch, IReadOnlyDictionary<Guid, Link> links, CancellationToken ct);

    /// <summary>Sends the plans that send (one batched call) and returns each with Xero's answer.</summary>
    protected abstract Task<IReadOnlyList<RowPlan<TPayload>>> SendAsync(IReadOnlyList<RowPlan<TPayload>> plans, TBatch batch, CancellationToken ct);

    /// <summary>What the table records beyond its own rows (an account's people, an order's lines).</summary>
    protected virtual Task AfterRecordAsync(IReadOnlyList<RowPlan<TPayload>> plans, TBatch batch, CancellationToken ct) => Task.CompletedTask;

    public async Task<IReadOnlyDictionary<Guid, TimeSpan>> WorkAsync(IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        var (batch, plans) = await DecideAsync(items.Select(i => i.DynamicsId).Distinct().ToList(), ct);
        var (settled, waiting) = await new DependencyGate(S).SettleAsync(plans, queue: true, ct);
        var sending = settled.Where(p => p.Sends).ToList();
        await RecordKeysAsync(sending.Where(p => p is { Key: not null, XeroId: null }).ToList(), ct);
        foreach (var plan in sending) if (plan.Hash is { } hash) S.Attempting[(Table.Name, plan.Id)] = hash;
        var answered = sending.Count == 0 ? [] : (await SendAsync(sending, batch, ct)).ToDictionary(p => p.Id);
        // A row waiting for a dependency is recorded once it goes; one waiting on nothing in particular says so on its row now.
        var done = settled.Where(p => p is not { Action: PlannedAction.Wait, WaitingFor.Count: > 0 }).Select(p => answered.GetValueOrDefault(p.Id) ?? p).ToList();
        await RecordAsync(done, batch, ct);
        return waiting;
    }

    public async Task<IReadOnlyList<PlannedChange>> PreviewAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var (batch, plans) = await DecideAsync(ids, ct);
        var (settled, _) = await new DependencyGate(S).SettleAsync(plans, queue: false, ct);
        return settled.Select(p => PlanOutcome.Planned(Table.Name, p)).Concat(Carried(settled, batch).Select(c => c with { Carried = true })).ToList();
    }

    /// <summary>What the plans decide for rows of other tables that travel inside these (an account's people), for the dry run.</summary>
    protected virtual IEnumerable<PlannedChange> Carried(IReadOnlyList<RowPlan<TPayload>> plans, TBatch batch) => [];

    private async Task<(TBatch, IReadOnlyList<RowPlan<TPayload>>)> DecideAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var batch = await ReadAsync(ids, ct);
        var links = await S.Store.GetLinksAsync(S.Connection, Table.Name, ids, ct);
        return (batch, await PlanAsync(batch, links, ct));
    }

    /// <summary>A new, empty link for a row of this table.</summary>
    protected Link NewLink(Guid id) => new() { Connection = S.Connection, Table = Table.Name, DynamicsId = id };

    /// <summary>
    /// Before a create is sent, its natural key goes on the link. The link's status is left as it was (a
    /// new one is Pending), so nothing shows as synced before it is.
    /// </summary>
    private async Task RecordKeysAsync(IReadOnlyList<RowPlan<TPayload>> creates, CancellationToken ct)
    {
        if (creates.Count == 0) return;
        await S.Store.UpsertLinksAsync(creates.Select(p => p.Link with { Detail = (p.Detail with { Key = p.Key }).ToJson() }), ct);
    }

    private async Task RecordAsync(IReadOnlyList<RowPlan<TPayload>> plans, TBatch batch, CancellationToken ct)
    {
        var now = S.Time.GetUtcNow();
        var counters = S.Counters.For(Table.Name);
        var links = new List<Link>();
        var rows = new List<RowWriteBack>();
        foreach (var plan in plans)
        {
            var stored = plan.Link.Status != SyncStatus.Pending || plan.Link.XeroId is not null || plan.Link.SyncedAt is not null;
            if (PlanOutcome.Of(plan, stored) is not var (status, message)) continue;
            PlanOutcome.Count(counters, plan, status);
            if (status == SyncStatus.Error) S.Log.LogWarning("{Table} {Id} was not synced: {Reason}", Table.Name, plan.Id, message);
            var link = PlanOutcome.LinkOf(plan, status, message, now);
            if (link != plan.Link) links.Add(link);
            if (plan.Deleted) continue;
            rows.Add(new RowWriteBack(plan.Id, SyncStatusText.Of(status), message, link.XeroId, link.XeroNumber,
                link.XeroId is { } x ? Table.XeroUrl?.Invoke(x) : null, plan.Sent));
        }
        await S.Store.UpsertLinksAsync(links, ct);
        await S.WriteBack.WriteAsync(Table.Name, rows, batch.Current, ct);
        await AfterRecordAsync(plans, batch, ct);
    }
}
