using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>Line discounts, the order discount and freight add up in Xero to the order's total in Dynamics.</summary>
public sealed class InvoiceTotalTests
{
    /// <remarks>
    /// Compared with tax out of the way: every line has tax 0 in Dynamics and Sync:TaxType is NONE (account
    /// 200's own default, OUTPUT, would add Xero's tax: docs/xero-rules.md#x-account-default-tax), so Xero's
    /// TotalTax is 0 and SubTotal + TotalTax (= Total) must equal Dynamics' totalamount to the cent.
    /// </remarks>
    [Fact]
    public async Task Line_discounts_order_discount_and_freight_add_up_to_the_orders_total()
    {
        await using var h = await SyncHarness.StartAsync(configure: s => s["Sync:TaxType"] = "NONE");
        await h.ProvisionAsync();
        var customer = await h.AccountAsync("Totals Ltd");
        var saddle = await h.ProductAsync("SAD-1", "Saddle", 19.99m);
        var chain = await h.ProductAsync("CHN-1", "Chain", 7.35m);
        var order = await h.OrderAsync(customer, extra: new JsonObject
        {
            ["discountpercentage"] = 7.5m, ["discountamount"] = 1.25m, ["freightamount"] = 12.40m,
        });
        await h.LineAsync(order, saddle, 3m, 19.99m, new JsonObject { ["sequencenumber"] = 1, ["manualdiscountamount"] = 2.50m });
        await h.LineAsync(order, chain, 1m, 7.35m, new JsonObject { ["sequencenumber"] = 2 });

        await h.SyncOnceAsync();

        var row = await h.OrderRowAsync(order);
        Assert.Equal("Synced", row.Text("xero_syncstatus"));
        var totalAmount = row.Money("totalamount");
        Assert.Equal(71.11m, totalAmount); // 57.47 + 7.35 − (1.25 + 4.86) + 12.40
        var invoice = await h.InvoiceOfOrderAsync(order);
        Assert.Equal(0m, invoice.Money("TotalTax"));
        Assert.Equal(totalAmount, invoice.Money("SubTotal") + invoice.Money("TotalTax"));
        Assert.Equal(totalAmount, invoice.Money("Total"));
        var lines = invoice.Items("LineItems");
        Assert.Equal(2.50m, lines[0].Money("DiscountAmount"));
        Assert.Equal(4, lines.Count); // two order lines, the order discount, the freight
    }

    [Fact]
    public async Task Changed_order_discount_and_freight_follow_and_keep_their_line_item_ids()
    {
        await using var h = await SyncHarness.StartAsync(configure: s => s["Sync:TaxType"] = "NONE");
        await h.ProvisionAsync();
        var customer = await h.AccountAsync("Totals Again Ltd");
        var product = await h.ProductAsync("PED-1", "Pedals", 45m);
        var order = await h.OrderAsync(customer, extra: new JsonObject { ["discountamount"] = 5m, ["freightamount"] = 8m });
        await h.LineAsync(order, product, 2m, 45m);
        await h.SyncOnceAsync();
        var before = (await h.InvoiceOfOrderAsync(order)).Items("LineItems").Select(l => l.Text("LineItemID")).ToList();

        await h.Dynamics.UpdateAsync("salesorders", order, new JsonObject { ["discountamount"] = 10m, ["freightamount"] = 9.5m });
        await h.SyncOnceAsync();

        var row = await h.OrderRowAsync(order);
        var invoice = await h.InvoiceOfOrderAsync(order);
        Assert.Equal(89.5m, row.Money("totalamount"));
        Assert.Equal(row.Money("totalamount"), invoice.Money("Total"));
        Assert.Equal(before, invoice.Items("LineItems").Select(l => l.Text("LineItemID")));
    }
}
