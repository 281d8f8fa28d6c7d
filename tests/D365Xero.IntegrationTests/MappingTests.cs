using System.Text.Json.Nodes;
using D365Xero.Source.Dataverse;

namespace D365Xero.IntegrationTests;

/// <summary>
/// The Mapping section over real HTTP (docs/mappings.md): each line's account code and tax type from its
/// product's family, two tracking categories on every line from an order column and a product column,
/// and a line whose tracking option Xero has archived stopped before it costs a call, then sent once fixed.
/// </summary>
public sealed class MappingTests
{
    private static void Mapped(Dictionary<string, string?> s)
    {
        // One publisher for the write-back columns and the organisation's own new_ columns.
        s["Dataverse:ColumnPrefix"] = "new";
        s["Mapping:AccountCode:Column"] = "product.parentproductid";
        s["Mapping:AccountCode:Values:Bikes"] = "200";
        s["Mapping:AccountCode:Values:Parts"] = "260";
        s["Mapping:TaxType:Column"] = "product.parentproductid";
        s["Mapping:TaxType:Values:Bikes"] = "OUTPUT";
        s["Mapping:TaxType:Values:Parts"] = "NONE";
        s["Mapping:Tracking:0:Category"] = "Region";
        s["Mapping:Tracking:0:Column"] = "salesorder.new_region";
        s["Mapping:Tracking:0:Values:N"] = "North";
        s["Mapping:Tracking:0:Values:S"] = "South";
        s["Mapping:Tracking:1:Category"] = "Department";
        s["Mapping:Tracking:1:Column"] = "product.new_department";
    }

    [Fact]
    public async Task Lines_are_coded_by_product_family_and_tracked_by_an_order_column_and_a_product_column()
    {
        await using var h = await SyncHarness.StartAsync(configure: Mapped);
        var (order, _) = await OrderAsync(h, region: "N");

        await h.SyncOnceAsync();

        var lines = (await InvoiceAsync(h, order)).Items("LineItems");
        Assert.Equal(["200 OUTPUT Region:North Department:Retail", "260 NONE Region:North Department:Wholesale"], lines.Select(Coded));
    }

    [Fact]
    public async Task A_line_with_an_archived_tracking_option_is_stopped_before_xero_and_goes_once_the_option_is_active()
    {
        await using var h = await SyncHarness.StartAsync(xeroSeed: "demo", configure: Mapped);
        var (order, _) = await OrderAsync(h, region: "S");

        await h.SyncOnceAsync();

        const string message = "Region option South is archived in Xero; active Region options: Eastside, North, West Coast.";
        var row = await h.OrderRowAsync(order);
        Assert.Equal(("Error", message), (row.Text("new_syncstatus"), row.Text("new_syncerror")));
        Assert.Equal(0, await h.Xero.CallsAsync("POST /Invoices") + await h.Xero.CallsAsync("PUT /Invoices"));

        await h.Xero.PostAsync("_emulator/settings", new JsonObject { ["trackingOptions"] = new JsonArray(new JsonObject { ["category"] = "Region", ["option"] = "South", ["status"] = "ACTIVE" }) });
        await h.RestartConnectionAsync();
        await h.SyncOnceAsync();

        Assert.Equal("Synced", (await h.OrderRowAsync(order)).Text("new_syncstatus"));
        Assert.All((await InvoiceAsync(h, order)).Items("LineItems"), l => Assert.Contains("Region:South", Coded(l), StringComparison.Ordinal));
    }

    /// <summary>An order (new_region, a custom column) with a bike (family Bikes, Retail) and a chain (family Parts, Wholesale).</summary>
    private static async Task<(Guid Order, Guid Customer)> OrderAsync(SyncHarness h, string region)
    {
        await h.ProvisionAsync();
        var dataverse = h.Connection.Dataverse;
        var solution = await dataverse.EnsurePublisherAndSolutionAsync("new");
        await dataverse.CreateStringColumnAsync("salesorder", "new_Region", "Region", "Sales region", 10, StringColumnFormat.Text, solution.UniqueName);
        await dataverse.CreateStringColumnAsync("product", "new_Department", "Department", "Department", 50, StringColumnFormat.Text, solution.UniqueName);
        await dataverse.PublishAsync(["salesorder", "product"]);
        var bikes = await h.Dynamics.CreateAsync("products", new JsonObject { ["name"] = "Bikes", ["productnumber"] = "FAM-BIKES", ["productstructure"] = 2 });
        var parts = await h.Dynamics.CreateAsync("products", new JsonObject { ["name"] = "Parts", ["productnumber"] = "FAM-PARTS", ["productstructure"] = 2 });
        var bike = await h.ProductAsync("BIKE-9", "Road Bike", 900m);
        var chain = await h.ProductAsync("CHN-9", "Chain", 20m);
        await h.Dynamics.UpdateAsync("products", bike, new JsonObject { ["parentproductid@odata.bind"] = $"/products({bikes})", ["new_department"] = "Retail" });
        await h.Dynamics.UpdateAsync("products", chain, new JsonObject { ["parentproductid@odata.bind"] = $"/products({parts})", ["new_department"] = "Wholesale" });
        var customer = await h.AccountAsync("Mapped Ltd");
        var order = await h.OrderAsync(customer, extra: new JsonObject { ["new_region"] = region });
        await h.LineAsync(order, bike, 1m, 900m, new JsonObject { ["sequencenumber"] = 1 });
        await h.LineAsync(order, chain, 2m, 20m, new JsonObject { ["sequencenumber"] = 2 });
        return (order, customer);
    }

    private static async Task<JsonObject> InvoiceAsync(SyncHarness h, Guid order) =>
        await h.Xero.InvoiceAsync(Guid.Parse((await h.OrderRowAsync(order)).Text("new_invoiceid")!));

    private static string Coded(JsonObject line) =>
        $"{line.Text("AccountCode")} {line.Text("TaxType")} " + string.Join(' ', line.Items("Tracking").Select(t => $"{t.Text("Name")}:{t.Text("Option")}"));
}
