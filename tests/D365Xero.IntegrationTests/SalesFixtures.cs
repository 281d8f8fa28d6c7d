using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>Products, sales orders and their lines as a Dynamics user makes them, and what Xero shows of them.</summary>
internal static class SalesFixtures
{
    public static async Task<Guid> CurrencyAsync(this SyncHarness h, string iso)
    {
        var rows = await h.Dynamics.QueryAsync($"transactioncurrencies?$select=transactioncurrencyid&$filter=isocurrencycode eq '{iso}'");
        return rows.Count > 0
            ? Guid.Parse(rows[0].Text("transactioncurrencyid")!)
            : await h.Dynamics.CreateAsync("transactioncurrencies", new JsonObject
            {
                ["isocurrencycode"] = iso, ["currencyname"] = iso, ["currencysymbol"] = iso, ["exchangerate"] = 1.0m, ["currencyprecision"] = 2,
            });
    }

    public static Task<Guid> AccountAsync(this SyncHarness h, string name, JsonObject? extra = null) =>
        h.Dynamics.CreateAsync("accounts", With(new JsonObject { ["name"] = name }, extra));

    public static Task<Guid> ProductAsync(this SyncHarness h, string number, string name, decimal price) =>
        h.Dynamics.CreateAsync("products", new JsonObject
        {
            ["productnumber"] = number, ["name"] = name, ["description"] = $"{name} description", ["price"] = price, ["productstructure"] = 1,
        });

    public static async Task<Guid> OrderAsync(this SyncHarness h, Guid customer, string? currency = "USD", string customerTable = "account", JsonObject? extra = null)
    {
        var body = new JsonObject
        {
            ["name"] = "Order", [$"customerid_{customerTable}@odata.bind"] = $"/{customerTable}s({customer})",
        };
        if (currency is not null) body["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({await h.CurrencyAsync(currency)})";
        return await h.Dynamics.CreateAsync("salesorders", With(body, extra));
    }

    public static Task<Guid> LineAsync(this SyncHarness h, Guid order, Guid product, decimal quantity, decimal price, JsonObject? extra = null) =>
        h.Dynamics.CreateAsync("salesorderdetails", With(new JsonObject
        {
            ["salesorderid@odata.bind"] = $"/salesorders({order})", ["productid@odata.bind"] = $"/products({product})",
            ["quantity"] = quantity, ["priceperunit"] = price, ["tax"] = 0m,
        }, extra));

    public static Task<Guid> WriteInLineAsync(this SyncHarness h, Guid order, string product, string description, decimal quantity, decimal price) =>
        h.Dynamics.CreateAsync("salesorderdetails", new JsonObject
        {
            ["salesorderid@odata.bind"] = $"/salesorders({order})", ["isproductoverridden"] = true,
            ["productdescription"] = product, ["description"] = description, ["quantity"] = quantity, ["priceperunit"] = price, ["tax"] = 0m,
        });

    public static Task<JsonObject> OrderRowAsync(this SyncHarness h, Guid order) => h.Dynamics.GetAsync("salesorders", order);

    public static Task<JsonObject> ProductRowAsync(this SyncHarness h, Guid product) => h.Dynamics.GetAsync("products", product);

    /// <summary>All of Xero's items, as GET /Items answers.</summary>
    public static async Task<List<JsonObject>> ItemsAsync(this XeroProbe xero) => (await xero.GetAsync("api.xro/2.0/Items")).Items("Items");

    /// <summary>The Xero invoice of an order, through the InvoiceID written back onto its row.</summary>
    public static async Task<JsonObject> InvoiceOfOrderAsync(this SyncHarness h, Guid order)
    {
        var id = (await h.OrderRowAsync(order)).Text("xero_invoiceid") ?? throw new InvalidOperationException($"Order {order} has no xero_invoiceid.");
        return await h.Xero.InvoiceAsync(Guid.Parse(id));
    }

    public static async Task<JsonObject> InvoiceAsync(this XeroProbe xero, Guid invoiceId) =>
        (await xero.GetAsync($"api.xro/2.0/Invoices/{invoiceId}")).Items("Invoices").Single();

    /// <summary>Every ACCREC invoice in the organisation, deleted and voided ones included.</summary>
    public static async Task<List<JsonObject>> SalesInvoicesAsync(this XeroProbe xero) =>
        (await xero.GetAsync("api.xro/2.0/Invoices?page=1&pageSize=1000")).Items("Invoices").Where(i => i.Text("Type") == "ACCREC").ToList();

    public static decimal Money(this JsonObject row, string name) => row[name]!.GetValue<decimal>();

    private static JsonObject With(JsonObject body, JsonObject? extra)
    {
        if (extra is null) return body;
        foreach (var (key, value) in extra.ToList())
        {
            extra.Remove(key);
            body[key] = value;
        }
        return body;
    }
}
