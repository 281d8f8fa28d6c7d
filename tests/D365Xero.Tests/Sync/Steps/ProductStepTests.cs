using D365Xero.Journal;
using D365Xero.Source.Rows;
using D365Xero.Sync;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Tests.Sync.Steps;

/// <summary>The product step on fakes: one Xero call a batch, each row's outcome on its link and its Dynamics row.</summary>
public sealed class ProductStepTests
{
    private static ProductRow Product(string number, string name = "Mountain Bike") =>
        new() { Id = Guid.NewGuid(), ProductNumber = number, Name = name, Price = 499m, State = ProductState.Active, Structure = 1 };

    [Fact]
    public async Task New_products_go_in_one_call_and_their_rows_say_synced_with_the_item_code()
    {
        var rig = new StepRig();
        var bike = Product("BIKE-1");
        var helmet = Product("HELM-1", "Helmet");
        rig.Dynamics.Products[bike.Id] = bike;
        rig.Dynamics.Products[helmet.Id] = helmet;

        await rig.WorkAsync(SyncedTables.Product, bike.Id, helmet.Id);

        Assert.Equal(["GET Items", "GET Accounts", "GET Organisation", "GET TaxRates", "GET Currencies", "GET TrackingCategories", "GET BrandingThemes", "POST Items"], rig.Xero.Calls);
        var link = rig.LinkOf(SyncedTables.Product, bike.Id);
        Assert.Equal((SyncStatus.Synced, "BIKE-1"), (link.Status, link.XeroNumber));
        Assert.Equal(rig.Xero.Items.Single(i => i.Code == "BIKE-1").ItemID.ToString(), link.XeroId);
        var row = rig.Dynamics.Written[("product", bike.Id)];
        Assert.Equal(("Synced", link.XeroId, true), (row.Status, row.XeroId, row.Sent));
        Assert.Equal(2, rig.Counters.For("product").Created);
    }

    [Fact]
    public async Task An_unchanged_product_costs_no_xero_call_the_second_time()
    {
        var rig = new StepRig();
        var bike = Product("BIKE-1");
        rig.Dynamics.Products[bike.Id] = bike;
        await rig.WorkAsync(SyncedTables.Product, bike.Id);
        rig.Xero.Calls.Clear();

        await rig.WorkAsync(SyncedTables.Product, bike.Id);

        Assert.Empty(rig.Xero.Calls);
        Assert.Equal(1, rig.Counters.For("product").Unchanged);
    }

    [Fact]
    public async Task A_refused_item_fails_alone_with_xeros_reason_and_is_not_resent_until_it_changes()
    {
        var rig = new StepRig();
        var good = Product("GOOD-1");
        var bad = Product("BAD-1");
        rig.Dynamics.Products[good.Id] = good;
        rig.Dynamics.Products[bad.Id] = bad;
        rig.Xero.Refuse = e => e is XeroItem { Code: "BAD-1" } ? "Price List Item with Code 'BAD-1' is archived." : null;

        await rig.WorkAsync(SyncedTables.Product, good.Id, bad.Id);
        rig.Xero.Calls.Clear();
        await rig.WorkAsync(SyncedTables.Product, bad.Id);

        Assert.Equal(SyncStatus.Synced, rig.LinkOf(SyncedTables.Product, good.Id).Status);
        var refused = rig.LinkOf(SyncedTables.Product, bad.Id);
        Assert.Equal((SyncStatus.Error, "Price List Item with Code 'BAD-1' is archived.", 1), (refused.Status, refused.LastError, refused.FailedAttempts));
        Assert.Equal("Price List Item with Code 'BAD-1' is archived.", rig.Dynamics.Written[("product", bad.Id)].Error);
        Assert.Empty(rig.Xero.Calls);
    }

    [Fact]
    public async Task An_item_already_in_xero_with_the_code_is_matched_not_duplicated()
    {
        var rig = new StepRig();
        var existing = new XeroItem { ItemID = Guid.NewGuid(), Code = "BIKE-1", Name = "Old name" };
        rig.Xero.Items.Add(existing);
        var bike = Product("BIKE-1");
        rig.Dynamics.Products[bike.Id] = bike;

        await rig.WorkAsync(SyncedTables.Product, bike.Id);

        Assert.Equal(existing.ItemID.ToString(), rig.LinkOf(SyncedTables.Product, bike.Id).XeroId);
        Assert.Single(rig.Xero.Items);
        Assert.Equal(1, rig.Counters.For("product").Matched);
    }

    [Fact]
    public async Task The_dry_run_plans_what_the_run_then_does_and_writes_nothing()
    {
        var rig = new StepRig();
        var bike = Product("BIKE-1");
        var family = Product("FAM-1") with { Structure = 2 };
        rig.Dynamics.Products[bike.Id] = bike;
        rig.Dynamics.Products[family.Id] = family;

        var plan = await SyncedTables.Product.Step(rig.Services()).PreviewAsync([bike.Id, family.Id], default);

        Assert.Equal([PlannedAction.Create, PlannedAction.Skip], plan.Select(p => p.Action));
        Assert.Empty(rig.Store.Links);
        Assert.DoesNotContain("POST Items", rig.Xero.Calls);
        await rig.WorkAsync(SyncedTables.Product, bike.Id, family.Id);
        Assert.Equal(SyncStatus.Synced, rig.LinkOf(SyncedTables.Product, bike.Id).Status);
        Assert.Equal(SyncStatus.Skipped, rig.LinkOf(SyncedTables.Product, family.Id).Status);
    }
}
