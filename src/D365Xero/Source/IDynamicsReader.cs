using D365Xero.Source.Rows;
using D365Xero.Tables;

namespace D365Xero.Source;

/// <summary>What the sync steps read of Dynamics: rows as they are now, a few calls per batch.</summary>
public interface IDynamicsReader
{
    Task<IReadOnlyDictionary<Guid, Snapshot<AccountRow>>> GetAccountsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);
    Task<IReadOnlyDictionary<Guid, Snapshot<ContactRow>>> GetContactsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>Every contact whose parent is one of the accounts.</summary>
    Task<IReadOnlyDictionary<Guid, Snapshot<ContactRow>>> GetContactsOfAccountsAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken ct);

    Task<IReadOnlyDictionary<Guid, Snapshot<ProductRow>>> GetProductsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);
    Task<IReadOnlyDictionary<Guid, Snapshot<SalesOrderRow>>> GetOrdersAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>Order lines by their own ids.</summary>
    Task<IReadOnlyDictionary<Guid, SalesOrderLineRow>> GetOrderLinesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>Every line of the orders.</summary>
    Task<IReadOnlyList<SalesOrderLineRow>> GetLinesOfOrdersAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct);

    /// <summary>transactioncurrencyid → ISO code, read again when one of <paramref name="needed"/> is not known yet.</summary>
    Task<IReadOnlyDictionary<Guid, string>> GetCurrencyCodesAsync(IEnumerable<Guid> needed, CancellationToken ct);

    /// <summary>Each row's name (its table's <see cref="SyncedTable.NameColumn"/>), for messages and the status page.</summary>
    Task<IReadOnlyDictionary<Guid, string?>> GetNamesAsync(SyncedTable table, IReadOnlyCollection<Guid> ids, CancellationToken ct);

    /// <summary>The id of every row of a table (a dry run's list of what a back-fill would read).</summary>
    Task<IReadOnlyList<Guid>> GetAllIdsAsync(SyncedTable table, CancellationToken ct);
}
