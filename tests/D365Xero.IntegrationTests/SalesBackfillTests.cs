using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>The first run takes existing products and orders to Xero: items first, then invoices that use them.</summary>
public sealed class SalesBackfillTests
{
    [Fact]
    public async Task Backfill_creates_items_then_invoices_after_their_customers_and_items_and_writes_the_ids_back_in_batches_of_50()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var customers = new List<Guid>();
        for (var i = 0; i < 3; i++) customers.Add(await h.AccountAsync($"Backfill Customer {i}"));
        var products = new List<Guid>();
        for (var i = 0; i < 55; i++) products.Add(await h.ProductAsync($"P-{i:D4}", $"Product {i}", 10m + i));
        var orders = new List<Guid>();
        var lines = new Dictionary<Guid, List<Guid>>();
        for (var i = 0; i < 52; i++)
        {
            var order = await h.OrderAsync(customers[i % 3]);
            orders.Add(order);
            lines[order] =
            [
                await h.LineAsync(order, products[i], 2m, 10m + i, new JsonObject { ["sequencenumber"] = 1 }),
                await h.LineAsync(order, products[(i + 1) % 55], 1m, 11m + i, new JsonObject { ["sequencenumber"] = 2 }),
            ];
        }
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync();

        var items = await h.Xero.ItemsAsync();
        var item = items.Single(i => i.Text("Code") == "P-0007");
        Assert.Equal("Product 7", item.Text("Name"));
        Assert.Equal(17m, item["SalesDetails"]!.AsObject().Money("UnitPrice"));
        Assert.Equal("200", item["SalesDetails"]!.AsObject().Text("AccountCode"));
        Assert.Equal(55, items.Count(i => i.Text("Code")!.StartsWith("P-")));
        var productRow = await h.ProductRowAsync(products[7]);
        Assert.Equal(item.Text("ItemID"), productRow.Text("xero_itemid"));
        Assert.Equal("Synced", productRow.Text("xero_syncstatus"));

        var orderRow = await h.OrderRowAsync(orders[4]);
        Assert.Equal("Synced", orderRow.Text("xero_syncstatus"));
        var invoice = await h.Xero.InvoiceAsync(Guid.Parse(orderRow.Text("xero_invoiceid")!));
        Assert.Equal(invoice.Text("InvoiceNumber"), orderRow.Text("xero_invoicenumber"));
        Assert.False(string.IsNullOrEmpty(orderRow.Text("xero_invoicenumber")));
        Assert.Equal("ACCREC", invoice.Text("Type"));
        Assert.Equal("DRAFT", invoice.Text("Status"));
        Assert.Equal(orderRow.Text("ordernumber"), invoice.Text("Reference"));
        var customer = await h.Xero.ContactOfAccountAsync(customers[4 % 3]);
        Assert.Equal(customer.Text("ContactID"), invoice["Contact"]!.AsObject().Text("ContactID"));
        Assert.Equal(["P-0004", "P-0005"], invoice.Items("LineItems").Select(l => l.Text("ItemCode")));
        Assert.Equal(2 * 14m + 15m, invoice.Money("SubTotal"));

        foreach (var order in orders) Assert.Equal("Synced", (await h.OrderRowAsync(order)).Text("xero_syncstatus"));
        Assert.Equal(52, (await h.Xero.SalesInvoicesAsync()).Count);
        Assert.Equal(2, await h.Xero.CallsAsync("POST /Items"));    // ceil(55 / 50)
        Assert.Equal(2, await h.Xero.CallsAsync("POST /Invoices")); // ceil(52 / 50)
        Assert.Equal(0, await h.Xero.CallsAsync("PUT /Items") + await h.Xero.CallsAsync("PUT /Invoices"));
    }
}
