using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>A product's Xero item follows it: renamed, repriced, deleted; a code Xero cannot take fails that row alone.</summary>
public sealed class ProductItemTests
{
    [Fact]
    public async Task Product_renamed_and_repriced_updates_its_item()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var product = await h.ProductAsync("HELM-01", "Helmet", 40m);
        await h.SyncOnceAsync();
        var before = (await h.Xero.ItemsAsync()).Single(i => i.Text("Code") == "HELM-01");

        await h.Dynamics.UpdateAsync("products", product, new JsonObject { ["name"] = "Helmet Pro", ["price"] = 55.5m });
        await h.SyncOnceAsync();

        var after = (await h.Xero.ItemsAsync()).Single(i => i.Text("Code") == "HELM-01");
        Assert.Equal(before.Text("ItemID"), after.Text("ItemID"));
        Assert.Equal("Helmet Pro", after.Text("Name"));
        Assert.Equal(55.5m, after["SalesDetails"]!.AsObject().Money("UnitPrice"));
        Assert.Equal("Synced", (await h.ProductRowAsync(product)).Text("xero_syncstatus"));
    }

    [Fact]
    public async Task Product_deleted_deletes_its_item()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var product = await h.ProductAsync("LOCK-01", "Bike Lock", 25m);
        await h.ProductAsync("PUMP-01", "Pump", 15m);
        await h.SyncOnceAsync();
        Assert.Contains(await h.Xero.ItemsAsync(), i => i.Text("Code") == "LOCK-01");

        await h.Dynamics.DeleteAsync("products", product);
        await h.SyncOnceAsync();

        var items = await h.Xero.ItemsAsync();
        Assert.DoesNotContain(items, i => i.Text("Code") == "LOCK-01");
        Assert.Contains(items, i => i.Text("Code") == "PUMP-01");
    }

    [Fact]
    public async Task Product_number_of_31_characters_fails_its_row_without_an_item_and_the_others_sync()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var longNumber = new string('X', 31);
        var tooLong = await h.ProductAsync(longNumber, "Long Code", 5m);
        var ok = await h.ProductAsync("OK-1", "Fine", 6m);
        var ok30 = await h.ProductAsync(new string('Y', 30), "Thirty", 7m);

        await h.SyncOnceAsync();

        var row = await h.ProductRowAsync(tooLong);
        Assert.Equal("Error", row.Text("xero_syncstatus"));
        Assert.Contains("31 characters", row.Text("xero_syncerror"));
        Assert.Null(row.Text("xero_itemid"));
        var items = await h.Xero.ItemsAsync();
        Assert.DoesNotContain(items, i => i.Text("Code")!.StartsWith("XXX"));
        Assert.Equal("Synced", (await h.ProductRowAsync(ok)).Text("xero_syncstatus"));
        Assert.Equal("Synced", (await h.ProductRowAsync(ok30)).Text("xero_syncstatus"));
        Assert.Contains(items, i => i.Text("Code") == "OK-1");
        Assert.Contains(items, i => i.Text("Code") == new string('Y', 30));
    }

    [Fact]
    public async Task Product_whose_code_already_exists_in_xero_is_matched_not_duplicated()
    {
        await using var h = await SyncHarness.StartAsync(xeroSeed: "demo"); // holds item BIKE-0001
        await h.ProvisionAsync();
        var existing = (await h.Xero.ItemsAsync()).Single(i => i.Text("Code") == "BIKE-0001");
        var product = await h.ProductAsync("BIKE-0001", "Mountain Bike 2026", 520m);

        await h.SyncOnceAsync();

        var items = (await h.Xero.ItemsAsync()).Where(i => i.Text("Code") == "BIKE-0001").ToList();
        var item = Assert.Single(items);
        Assert.Equal(existing.Text("ItemID"), item.Text("ItemID"));
        Assert.Equal("Mountain Bike 2026", item.Text("Name"));
        var row = await h.ProductRowAsync(product);
        Assert.Equal(existing.Text("ItemID"), row.Text("xero_itemid"));
        Assert.Equal("Synced", row.Text("xero_syncstatus"));
    }
}
