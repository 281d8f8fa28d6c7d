namespace D365Xero.IntegrationTests;

/// <summary>A write-in product (no product, a description) reaches Xero as a description line without an item.</summary>
public sealed class WriteInLineTests
{
    [Fact]
    public async Task Write_in_product_lines_reach_xero_as_description_lines()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var customer = await h.AccountAsync("Write-In Co");
        var product = await h.ProductAsync("TYRE-1", "Tyre", 30m);
        var order = await h.OrderAsync(customer);
        await h.LineAsync(order, product, 2m, 30m, new System.Text.Json.Nodes.JsonObject { ["sequencenumber"] = 1 });
        await h.WriteInLineAsync(order, "Custom wheel build", "Laced by hand", 1m, 120m);

        await h.SyncOnceAsync();

        var row = await h.OrderRowAsync(order);
        Assert.Equal("Synced", row.Text("xero_syncstatus"));
        var lines = (await h.InvoiceOfOrderAsync(order)).Items("LineItems");
        Assert.Equal(2, lines.Count);
        Assert.Equal("TYRE-1", lines[0].Text("ItemCode"));
        var writeIn = lines[1];
        Assert.Null(writeIn.Text("ItemCode"));
        Assert.Equal("Custom wheel build\nLaced by hand", writeIn.Text("Description"));
        Assert.Equal(1m, writeIn.Money("Quantity"));
        Assert.Equal(120m, writeIn.Money("UnitAmount"));
    }
}
