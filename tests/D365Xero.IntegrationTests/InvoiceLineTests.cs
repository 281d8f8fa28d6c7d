using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>An order's lines travel inside its invoice: added, changed and removed lines follow, unchanged lines keep their LineItemIDs.</summary>
public sealed class InvoiceLineTests
{
    [Fact]
    public async Task Lines_added_changed_and_removed_follow_and_unchanged_lines_keep_their_line_item_ids()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var customer = await h.AccountAsync("Lines Ltd");
        var a = await h.ProductAsync("A-1", "Alpha", 10m);
        var b = await h.ProductAsync("B-1", "Beta", 20m);
        var c = await h.ProductAsync("C-1", "Gamma", 30m);
        var d = await h.ProductAsync("D-1", "Delta", 40m);
        var order = await h.OrderAsync(customer);
        var lineA = await h.LineAsync(order, a, 1m, 10m, new JsonObject { ["sequencenumber"] = 1 });
        var lineB = await h.LineAsync(order, b, 1m, 20m, new JsonObject { ["sequencenumber"] = 2 });
        var lineC = await h.LineAsync(order, c, 1m, 30m, new JsonObject { ["sequencenumber"] = 3 });
        await h.SyncOnceAsync();
        var before = (await h.InvoiceOfOrderAsync(order)).Items("LineItems");
        Assert.Equal(["A-1", "B-1", "C-1"], before.Select(l => l.Text("ItemCode")));
        var idOf = before.ToDictionary(l => l.Text("ItemCode")!, l => l.Text("LineItemID"));

        await h.Dynamics.UpdateAsync("salesorderdetails", lineB, new JsonObject { ["quantity"] = 3m });
        await h.Dynamics.DeleteAsync("salesorderdetails", lineC);
        await h.LineAsync(order, d, 2m, 40m, new JsonObject { ["sequencenumber"] = 4 });
        await h.SyncOnceAsync();

        var invoice = await h.InvoiceOfOrderAsync(order);
        var after = invoice.Items("LineItems");
        Assert.Equal(["A-1", "B-1", "D-1"], after.Select(l => l.Text("ItemCode")));
        Assert.Equal(idOf["A-1"], after[0].Text("LineItemID"));
        Assert.Equal(idOf["B-1"], after[1].Text("LineItemID")); // changed, not recreated
        Assert.Equal(3m, after[1].Money("Quantity"));
        Assert.DoesNotContain(after[2].Text("LineItemID"), idOf.Values);
        Assert.Equal(10m + 60m + 80m, invoice.Money("SubTotal"));
        Assert.Equal("Synced", (await h.OrderRowAsync(order)).Text("xero_syncstatus"));

        // And once more, with nothing changed in between: the same ids again.
        await h.Dynamics.UpdateAsync("salesorderdetails", lineA, new JsonObject { ["priceperunit"] = 12m });
        await h.SyncOnceAsync();
        var again = (await h.InvoiceOfOrderAsync(order)).Items("LineItems");
        Assert.Equal(after.Select(l => l.Text("LineItemID")), again.Select(l => l.Text("LineItemID")));
        Assert.Equal(12m, again[0].Money("UnitAmount"));
    }
}
