using System.Text.Json.Nodes;
using D365Xero.Source;
using D365Xero.Source.Rows;
using D365Xero.Tables;
using D365Xero.WriteBack;

namespace D365Xero.Tests.Sync.Steps;

/// <summary>Dynamics rows in memory, and what was written back onto them.</summary>
internal sealed class FakeDynamics : IDynamicsReader, IRowWriter
{
    public Dictionary<Guid, AccountRow> Accounts { get; } = [];
    public Dictionary<Guid, ContactRow> Contacts { get; } = [];
    public Dictionary<Guid, ProductRow> Products { get; } = [];
    public Dictionary<Guid, SalesOrderRow> Orders { get; } = [];
    public List<SalesOrderLineRow> Lines { get; } = [];
    public Dictionary<Guid, string> Currencies { get; } = new() { [Usd] = "USD" };
    public Dictionary<(string Table, Guid Id), RowWriteBack> Written { get; } = [];

    public static readonly Guid Usd = Guid.NewGuid();

    public Task<IReadOnlyDictionary<Guid, Snapshot<AccountRow>>> GetAccountsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) => Read(Accounts, ids);
    public Task<IReadOnlyDictionary<Guid, Snapshot<ContactRow>>> GetContactsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) => Read(Contacts, ids);

    public Task<IReadOnlyDictionary<Guid, Snapshot<ContactRow>>> GetContactsOfAccountsAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken ct) =>
        Read(Contacts, Contacts.Values.Where(c => c.ParentAccountId is { } p && accountIds.Contains(p)).Select(c => c.Id).ToList());

    public Task<IReadOnlyDictionary<Guid, Snapshot<ProductRow>>> GetProductsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) => Read(Products, ids);
    public Task<IReadOnlyDictionary<Guid, Snapshot<SalesOrderRow>>> GetOrdersAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) => Read(Orders, ids);

    public Task<IReadOnlyDictionary<Guid, SalesOrderLineRow>> GetOrderLinesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, SalesOrderLineRow>>(Lines.Where(l => ids.Contains(l.Id)).ToDictionary(l => l.Id));

    public Task<IReadOnlyList<SalesOrderLineRow>> GetLinesOfOrdersAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SalesOrderLineRow>>(Lines.Where(l => l.OrderId is { } o && orderIds.Contains(o)).ToList());

    public Task<IReadOnlyDictionary<Guid, string>> GetCurrencyCodesAsync(IEnumerable<Guid> needed, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, string>>(Currencies);

    public Task<IReadOnlyDictionary<Guid, string?>> GetNamesAsync(SyncedTable table, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, string?>>(new Dictionary<Guid, string?>());

    public Task<IReadOnlyList<Guid>> GetAllIdsAsync(SyncedTable table, CancellationToken ct) => throw new NotSupportedException();

    public Task WriteAsync(string table, IEnumerable<RowWriteBack> wanted, IReadOnlyDictionary<Guid, JsonObject> current, CancellationToken ct)
    {
        foreach (var row in wanted) Written[(table, row.Id)] = row;
        return Task.CompletedTask;
    }

    private static Task<IReadOnlyDictionary<Guid, Snapshot<T>>> Read<T>(Dictionary<Guid, T> rows, IEnumerable<Guid> ids) =>
        Task.FromResult<IReadOnlyDictionary<Guid, Snapshot<T>>>(ids.Where(rows.ContainsKey).Distinct().ToDictionary(id => id, id => new Snapshot<T>(rows[id], new JsonObject())));
}
