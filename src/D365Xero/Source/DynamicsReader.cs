using System.Text.Json.Nodes;
using D365Xero.Source.Dataverse;
using D365Xero.Source.Rows;
using D365Xero.WriteBack;

namespace D365Xero.Source;

/// <summary>
/// Reads the current state of the rows a batch of work needs, a few Web API calls per batch
/// (ids joined with <c>or</c> in chunks), never one call per row.
/// </summary>
public sealed class DynamicsReader(DataverseClient dataverse, WriteBackColumns columns)
{
    /// <summary>Ids per <c>$filter</c>: keeps the URL well under Dataverse's limits (reference §2: 64 KB in a batch).</summary>
    private const int IdsPerQuery = 50;

    private IReadOnlyDictionary<Guid, string>? _currencies;

    public async Task<IReadOnlyDictionary<Guid, Snapshot<AccountRow>>> GetAccountsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var select = Select(AccountRow.Columns, "accountid", "account");
        var rows = await QueryByIdsAsync("accounts", select, "accountid", ids, ct);
        return rows.ToDictionary(r => r.Id("accountid")!.Value, r => new Snapshot<AccountRow>(AccountRow.FromJson(r), r));
    }

    public async Task<IReadOnlyDictionary<Guid, Snapshot<ContactRow>>> GetContactsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = await QueryByIdsAsync("contacts", Select(ContactRow.Columns, "contactid", "contact"), "contactid", ids, ct);
        return rows.ToDictionary(r => r.Id("contactid")!.Value, r => new Snapshot<ContactRow>(ContactRow.FromJson(r), r));
    }

    /// <summary>Every contact whose parent is one of the accounts.</summary>
    public async Task<IReadOnlyDictionary<Guid, Snapshot<ContactRow>>> GetContactsOfAccountsAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken ct)
    {
        var rows = await QueryByIdsAsync("contacts", Select(ContactRow.Columns, "contactid", "contact"), "_parentcustomerid_value", accountIds, ct);
        return rows.ToDictionary(r => r.Id("contactid")!.Value, r => new Snapshot<ContactRow>(ContactRow.FromJson(r), r));
    }

    public async Task<IReadOnlyDictionary<Guid, Snapshot<ProductRow>>> GetProductsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = await QueryByIdsAsync("products", Select(ProductRow.Columns, "productid", "product"), "productid", ids, ct);
        return rows.ToDictionary(r => r.Id("productid")!.Value, r => new Snapshot<ProductRow>(ProductRow.FromJson(r), r));
    }

    public async Task<IReadOnlyDictionary<Guid, Snapshot<SalesOrderRow>>> GetOrdersAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = await QueryByIdsAsync("salesorders", Select(SalesOrderRow.Columns, "salesorderid", "salesorder"), "salesorderid", ids, ct);
        return rows.ToDictionary(r => r.Id("salesorderid")!.Value, r => new Snapshot<SalesOrderRow>(SalesOrderRow.FromJson(r), r));
    }

    /// <summary>Order lines by their own ids (the line table has no write-back columns).</summary>
    public async Task<IReadOnlyDictionary<Guid, SalesOrderLineRow>> GetOrderLinesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = await QueryByIdsAsync("salesorderdetails", LineSelect, "salesorderdetailid", ids, ct);
        return rows.ToDictionary(r => r.Id("salesorderdetailid")!.Value, SalesOrderLineRow.FromJson);
    }

    /// <summary>Every line of the orders.</summary>
    public async Task<IReadOnlyList<SalesOrderLineRow>> GetLinesOfOrdersAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct)
    {
        var rows = await QueryByIdsAsync("salesorderdetails", LineSelect, "_salesorderid_value", orderIds, ct);
        return rows.Select(SalesOrderLineRow.FromJson).ToList();
    }

    private static string LineSelect => string.Join(',', SalesOrderLineRow.Columns.Select(c => IsLookup(c) ? $"_{c}_value" : c).Append("salesorderdetailid").Distinct());

    /// <summary>transactioncurrencyid → ISO code, read once per process.</summary>
    public Task<IReadOnlyDictionary<Guid, string>> GetCurrencyCodesAsync(CancellationToken ct) => GetCurrencyCodesAsync([], ct);

    /// <summary>
    /// transactioncurrencyid → ISO code, read again when one of <paramref name="needed"/> is not known yet:
    /// a currency added while the service runs would otherwise never reach Xero.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string>> GetCurrencyCodesAsync(IEnumerable<Guid> needed, CancellationToken ct)
    {
        if (_currencies is not null && needed.All(_currencies.ContainsKey)) return _currencies;
        var codes = new Dictionary<Guid, string>();
        await foreach (var row in dataverse.QueryAsync("transactioncurrencies?$select=transactioncurrencyid,isocurrencycode", ct))
        {
            if (row.Id("transactioncurrencyid") is { } id && row.Text("isocurrencycode") is { } iso) codes[id] = iso;
        }
        return _currencies = codes;
    }

    private string Select(IEnumerable<string> mapped, string key, string table)
    {
        // Lookups are selected by their _x_value name; our own columns come along so write-back can
        // tell whether anything needs writing at all.
        var names = mapped.Select(c => IsLookup(c) ? $"_{c}_value" : c)
            .Append(key)
            .Concat(columns.For(table).Select(c => c.LogicalName));
        return string.Join(',', names);
    }

    private static bool IsLookup(string column) => column is "primarycontactid" or "transactioncurrencyid" or "parentcustomerid"
        or "customerid" or "productid" or "salesorderid" or "pricelevelid" or "uomid";

    private async Task<List<JsonObject>> QueryByIdsAsync(string entitySet, string select, string idColumn, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = new List<JsonObject>();
        foreach (var chunk in ids.Distinct().Chunk(IdsPerQuery))
        {
            var filter = string.Join(" or ", chunk.Select(id => $"{idColumn} eq {ODataLiteral.Guid(id)}"));
            await foreach (var row in dataverse.QueryAsync($"{entitySet}?$select={select}&$filter={Uri.EscapeDataString(filter)}", ct))
            {
                rows.Add(row);
            }
        }
        return rows;
    }
}
