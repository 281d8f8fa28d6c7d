using D365Xero.Journal;
using D365Xero.Mapping;

namespace D365Xero.Sync.Steps;

/// <summary>
/// Rows that wait for others to reach Xero first (an order's customer and products): each dependency
/// is queued, and the row goes back in the journal until it has had its turn. A dependency that failed
/// or was skipped will not arrive by waiting: the row fails, saying which.
/// </summary>
public sealed class DependencyGate(StepServices s)
{
    /// <summary>How long a row waits before it looks again for a dependency that has not reached Xero yet.</summary>
    public static readonly TimeSpan DependencyWait = TimeSpan.FromSeconds(5);

    /// <param name="queue">False for a dry run: it says what would wait, and queues nothing.</param>
    public async Task<(IReadOnlyList<RowPlan<T>> Plans, IReadOnlyDictionary<Guid, TimeSpan> Waiting)> SettleAsync<T>(
        IReadOnlyList<RowPlan<T>> plans, bool queue, CancellationToken ct) where T : class
    {
        var waiting = plans.Where(p => p is { Action: PlannedAction.Wait, WaitingFor.Count: 0 })
            .ToDictionary(p => p.Id, p => p.RetryIn ?? DependencyWait);
        if (!plans.Any(p => p.Action == PlannedAction.Wait)) return (plans, waiting);
        if (!plans.Any(p => p is { Action: PlannedAction.Wait, WaitingFor.Count: > 0 })) return (plans, waiting);
        var links = await DependencyLinksAsync(plans.Where(p => p.Action == PlannedAction.Wait).SelectMany(p => p.WaitingFor), ct);
        var keys = new List<WorkKey>();
        var settled = plans.Select(plan =>
        {
            if (plan is not { Action: PlannedAction.Wait, WaitingFor.Count: > 0 }) return plan;
            var blocked = plan.WaitingFor
                .Select(d => (Dependency: d, Link: links.GetValueOrDefault(d)))
                .Where(x => x.Link is { Status: SyncStatus.Error or SyncStatus.Skipped })
                .Select(x => $"its {s.Tables[x.Dependency.Table].Noun} {x.Dependency.Id} could not be synced ({x.Link!.LastError})")
                .ToList();
            if (blocked.Count > 0)
            {
                var noun = s.Tables[plan.Link.Table].Noun;
                return plan with { Action = PlannedAction.Fail, Reason = $"The {noun} cannot reach Xero because {string.Join("; ", blocked)}." };
            }
            waiting[plan.Id] = DependencyWait;
            keys.AddRange(plan.WaitingFor.Select(d => new WorkKey(d.Table, d.Id)));
            return plan;
        }).ToList();
        if (queue) await s.Store.EnqueueAsync(s.Connection, keys.Distinct(), ct);
        return (settled, waiting);
    }

    private async Task<Dictionary<Dependency, Link>> DependencyLinksAsync(IEnumerable<Dependency> dependencies, CancellationToken ct)
    {
        var links = new Dictionary<Dependency, Link>();
        foreach (var table in dependencies.Distinct().GroupBy(d => d.Table))
        {
            foreach (var (id, link) in await s.Store.GetLinksAsync(s.Connection, table.Key, table.Select(d => d.Id).ToList(), ct))
            {
                links[new Dependency(table.Key, id)] = link;
            }
        }
        return links;
    }
}
