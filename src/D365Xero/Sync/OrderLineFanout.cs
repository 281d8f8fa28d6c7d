using D365Xero.Journal;

namespace D365Xero.Sync;

/// <summary>
/// Order lines are tracked as their own table (a line change need not touch its order's row), but
/// travel inside their order's invoice: a changed, added or deleted line re-sends its order.
/// A deleted line's order is known from its link, recorded when the order last synced.
/// </summary>
public sealed class OrderLineFanout(SyncConnection c)
{
    public async Task ProcessAsync(IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        var ids = items.Select(i => i.DynamicsId).Distinct().ToList();
        var lines = await c.Reader.GetOrderLinesAsync(ids, ct);
        var links = await c.Store.GetLinksAsync(c.Name, "salesorderdetail", ids, ct);
        var orders = new HashSet<Guid>();
        foreach (var id in ids)
        {
            if (lines.GetValueOrDefault(id)?.OrderId is { } now) orders.Add(now);
            if (LinkDetail.Parse(links.GetValueOrDefault(id)?.Detail).Parent is { } before) orders.Add(before);
        }
        // Queue the orders before completing the lines: a crash in between repeats this step, harmlessly.
        var keys = orders.Select(o => new WorkKey("salesorder", o)).ToList();
        await c.Store.EnqueueAsync(c.Name, keys, ct);
        c.Clock.CarryOver(items.Select(i => i.Key), keys);
    }
}
