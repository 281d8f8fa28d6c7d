using D365Xero.Tables;

namespace D365Xero.Sync.Steps;

/// <summary>
/// Order lines are tracked as their own table (a line change need not touch its order's row), but
/// travel inside their order's invoice: a changed, added or deleted line re-sends its order.
/// </summary>
public sealed class OrderLineFanout(StepServices s) : FanOutStep(s, SyncedTables.OrderLine)
{
    protected override async Task<IReadOnlyDictionary<Guid, Guid?>> ReadParentsAsync(IReadOnlyList<Guid> ids, CancellationToken ct) =>
        (await S.Reader.GetOrderLinesAsync(ids, ct)).ToDictionary(l => l.Key, l => l.Value.OrderId);
}
