using System.Text.Json.Nodes;
using D365Xero.Source.Dataverse;
using D365Xero.Source.Rows;
using D365Xero.Tables;
using D365Xero.WriteBack;

namespace D365Xero.Source;

/// <summary>
/// Reads the current state of the rows a batch of work needs, a few Web API calls per batch
/// (ids joined with <c>or</c> in chunks), never one call per row.
/// </summary>
/// <param name="mapping">The connection's mapping, whose columns join each table's own when it is read (docs/mappings.md).</param>
public sealed class DynamicsReader(DataverseClient dataverse, WriteBackColumns columns, Configuration.Mapping.MappingOptions? mapping = null) : IDynamicsReader
{
    /// <summary>
    /// Ids per <c>$filter</c>. Each id costs about 75 characters of escaped URL
    /// (<c>_parentcustomerid_value%20eq%20{guid}%20or%20</c>), so 250 ids are about 19 KB with the
    /// <c>$select</c>, under the 32 KB a Web API URL may have.
    /// Rule: URL at most 32,768 characters, docs/dataverse-rules.md#d-url-length
    /// (learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#maximum-url-length).
    /// Was 50: the back-fill's reads by id were half its Dataverse requests.
    /// </summary>
    internal const int IdsPerQuery = 250;

    private IReadOnlyDictionary<Guid, string>? _currencies;
    private readonly SemaphoreSlim _currencyRead = new(1, 1);

    public Task<IReadOnlyDictionary<Guid, Snapshot<AccountRow>>> GetAccountsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ReadAsync(SyncedTables.Account, ids, AccountRow.FromJson, ct);

    public Task<IReadOnlyDictionary<Guid, Snapshot<ContactRow>>> GetContactsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ReadAsync(SyncedTables.Contact, ids, ContactRow.FromJson, ct);

    /// <summary>Every contact whose parent is one of the accounts.</summary>
    public Task<IReadOnlyDictionary<Guid, Snapshot<ContactRow>>> GetContactsOfAccountsAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken ct) =>
        ReadAsync(SyncedTables.Contact, accountIds, ContactRow.FromJson, ct, "_parentcustomerid_value");

    public Task<IReadOnlyDictionary<Guid, Snapshot<ProductRow>>> GetProductsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ReadAsync(SyncedTables.Product, ids, ProductRow.FromJson, ct);

    public Task<IReadOnlyDictionary<Guid, Snapshot<SalesOrderRow>>> GetOrdersAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ReadAsync(SyncedTables.Order, ids, SalesOrderRow.FromJson, ct);

    /// <summary>Order lines by their own ids (the line table has no write-back columns).</summary>
    public async Task<IReadOnlyDictionary<Guid, SalesOrderLineRow>> GetOrderLinesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var key = SyncedTables.OrderLine.Key;
        var rows = await QueryByIdsAsync(SyncedTables.OrderLine.EntitySet, Select(SyncedTables.OrderLine), key, ids, ct);
        return rows.ToDictionary(r => r.Id(key)!.Value, SalesOrderLineRow.FromJson);
    }

    /// <summary>Every line of the orders.</summary>
    public async Task<IReadOnlyList<SalesOrderLineRow>> GetLinesOfOrdersAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct)
    {
        var rows = await QueryByIdsAsync(SyncedTables.OrderLine.EntitySet, Select(SyncedTables.OrderLine), "_salesorderid_value", orderIds, ct);
        return rows.Select(SalesOrderLineRow.FromJson).ToList();
    }

    public async Task<IReadOnlyDictionary<Guid, string?>> GetNamesAsync(SyncedTable table, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (table.NameColumn is not { } name) return new Dictionary<Guid, string?>();
        var rows = await QueryByIdsAsync(table.EntitySet, $"{table.Key},{name}", table.Key, ids, ct);
        return rows.ToDictionary(r => r.Id(table.Key)!.Value, r => r.Text(name));
    }

    public async Task<IReadOnlyList<Guid>> GetAllIdsAsync(SyncedTable table, CancellationToken ct)
    {
        var ids = new List<Guid>();
        await foreach (var row in dataverse.QueryAsync($"{table.EntitySet}?$select={table.Key}", ct))
        {
            if (row.Id(table.Key) is { } id) ids.Add(id);
        }
        return ids;
    }

    private async Task<IReadOnlyDictionary<Guid, Snapshot<T>>> ReadAsync<T>(
        SyncedTable table, IReadOnlyCollection<Guid> ids, Func<JsonObject, T> map, CancellationToken ct, string? byColumn = null)
    {
        var rows = await QueryByIdsAsync(table.EntitySet, Select(table), byColumn ?? table.Key, ids, ct);
        return rows.ToDictionary(r => r.Id(table.Key)!.Value, r => new Snapshot<T>(map(r), r));
    }

    /// <summary>transactioncurrencyid → ISO code, read once per process.</summary>
    public Task<IReadOnlyDictionary<Guid, string>> GetCurrencyCodesAsync(CancellationToken ct) => GetCurrencyCodesAsync([], ct);

    /// <summary>
    /// transactioncurrencyid → ISO code, read again when one of <paramref name="needed"/> is not known yet:
    /// a currency added while the service runs would otherwise never reach Xero.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string>> GetCurrencyCodesAsync(IEnumerable<Guid> needed, CancellationToken ct)
    {
        var ids = needed as IReadOnlyCollection<Guid> ?? needed.ToList();
        if (_currencies is { } known && ids.All(known.ContainsKey)) return known;
        // Lanes working side by side all start with none known: one reads, the others take what it read.
        await _currencyRead.WaitAsync(ct);
        try
        {
            if (_currencies is { } read && ids.All(read.ContainsKey)) return read;
            var codes = new Dictionary<Guid, string>();
            await foreach (var row in dataverse.QueryAsync("transactioncurrencies?$select=transactioncurrencyid,isocurrencycode", ct))
            {
                if (row.Id("transactioncurrencyid") is { } id && row.Text("isocurrencycode") is { } iso) codes[id] = iso;
            }
            return _currencies = codes;
        }
        finally
        {
            _currencyRead.Release();
        }
    }

    private string Select(SyncedTable table)
    {
        // Lookups are selected by their _x_value name; our own columns come along so write-back can
        // tell whether anything needs writing at all.
        var names = table.Columns.Concat(mapping?.ColumnsOf(table.Name) ?? []).Select(c => IsLookup(c) ? $"_{c}_value" : c)
            .Append(table.Key)
            .Concat(table.WriteBack.Count == 0 ? [] : columns.For(table.Name).Select(c => c.LogicalName));
        return string.Join(',', names.Distinct());
    }

    private static bool IsLookup(string column) => column is "primarycontactid" or "transactioncurrencyid" or "parentcustomerid"
        or "customerid" or "productid" or "salesorderid" or "pricelevelid" or "uomid" or "parentproductid";

    private async Task<List<JsonObject>> QueryByIdsAsync(string entitySet, string select, string idColumn, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = new List<JsonObject>();
        foreach (var chunk in ids.Distinct().Chunk(IdsPerQuery))
        {
            var filter = string.Join(" or ", chunk.Select(id => $"{idColumn} eq {ODataLiteral.Guid(id)}"));
            // Labels (formatted values) only when a mapping reads columns: they cost Dataverse work on every row.
            await foreach (var row in dataverse.QueryAsync($"{entitySet}?$select={select}&$filter={Uri.EscapeDataString(filter)}", ct, labels: mapping?.ReadsColumns == true))
            {
                rows.Add(row);
            }
        }
        return rows;
    }
}
