using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>The write-back onto products and orders is our own echo: it costs no Xero calls.</summary>
public sealed class SalesEchoTests
{
    [Fact]
    public async Task Sync_right_after_a_sync_with_products_and_orders_makes_no_xero_calls()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var customer = await h.AccountAsync("Echo Sales Ltd");
        var products = new List<Guid>();
        for (var i = 0; i < 3; i++) products.Add(await h.ProductAsync($"ECHO-{i}", $"Echo {i}", 10m + i));
        for (var i = 0; i < 3; i++)
        {
            var order = await h.OrderAsync(customer, extra: new JsonObject { ["freightamount"] = 2m, ["discountamount"] = 1m });
            await h.LineAsync(order, products[i], 1m, 10m + i);
            await h.WriteInLineAsync(order, "Service", "Fitting", 1m, 5m);
        }
        await h.SyncOnceAsync();
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync(); // sees the write-back of the first sync

        Assert.Equal(0, await h.Xero.ApiCallsAsync());
    }

    [Fact]
    public async Task Sync_in_a_new_process_after_a_sync_with_products_and_orders_makes_no_xero_calls()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var customer = await h.AccountAsync("Echo Sales Restart Ltd");
        var product = await h.ProductAsync("ECHO-R", "Echo R", 10m);
        var order = await h.OrderAsync(customer);
        await h.LineAsync(order, product, 1m, 10m);
        await h.SyncOnceAsync();
        await h.RestartConnectionAsync();
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync();

        Assert.Equal(0, await h.Xero.ApiCallsAsync());
    }

    [Fact]
    public async Task Sync_after_cancelled_and_refused_orders_and_a_refused_product_makes_no_xero_calls()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var customer = await h.AccountAsync("Echo Ends Ltd");
        var product = await h.ProductAsync("END-1", "End", 10m);
        await h.ProductAsync(new string('Z', 31), "Too long", 1m);
        var cancelled = await h.OrderAsync(customer);
        await h.LineAsync(cancelled, product, 1m, 10m);
        var gbp = await h.OrderAsync(customer, currency: "GBP");
        await h.LineAsync(gbp, product, 1m, 10m);
        await h.SyncOnceAsync();
        await h.Dynamics.UpdateAsync("salesorders", cancelled, new JsonObject { ["statecode"] = 2 });
        await h.SyncOnceAsync();
        Assert.Equal("DELETED", (await h.InvoiceOfOrderAsync(cancelled)).Text("Status"));
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync();

        Assert.Equal(0, await h.Xero.ApiCallsAsync());
    }
}
