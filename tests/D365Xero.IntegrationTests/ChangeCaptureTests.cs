using System.Text.Json.Nodes;
using D365Xero.Journal;
using D365Xero.Sync;

namespace D365Xero.IntegrationTests;

/// <summary>
/// A contact or an order line travels inside its parent's Xero record. Its tracked read names the parent,
/// so capture queues the parent straight away (and the one it was last placed under), and the child is
/// not read from Dataverse a second time; only a child with no such parent goes through its fan-out step.
/// </summary>
public sealed class ChangeCaptureTests
{
    private static async Task<List<Guid>> QueuedAsync(SyncHarness h, string table) =>
        [.. (await h.Store.ClaimAsync(h.Connection.Name, table, 1000, TimeSpan.FromMinutes(1), "test", default)).Select(i => i.DynamicsId).Order()];

    [Fact]
    public async Task Reparented_contact_queues_its_old_and_new_accounts_and_not_itself()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var a = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Account A" });
        var b = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Account B" });
        var mover = await h.Dynamics.CreateAsync("contacts", new JsonObject
        {
            ["firstname"] = "Mover", ["lastname"] = "Tester", ["parentcustomerid_account@odata.bind"] = $"/accounts({a})",
        });
        await h.SyncOnceAsync();

        await h.Dynamics.UpdateAsync("contacts", mover, new JsonObject { ["parentcustomerid_account@odata.bind"] = $"/accounts({b})" });
        await new ChangeCapture(h.Connection).CaptureAsync(["contact"], default);

        Assert.Equal(new[] { a, b }.Order(), await QueuedAsync(h, "account"));
        Assert.Empty(await QueuedAsync(h, "contact"));
    }

    [Fact]
    public async Task Backfill_queues_accounts_for_their_contacts_and_only_the_orphan_contact_itself()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Parent" });
        await h.Dynamics.CreateAsync("contacts", new JsonObject
        {
            ["firstname"] = "Kid", ["lastname"] = "Tester", ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
        });
        var orphan = await h.Dynamics.CreateAsync("contacts", new JsonObject { ["firstname"] = "Lone", ["lastname"] = "Tester" });

        await new ChangeCapture(h.Connection).CaptureAsync(["contact"], default);

        Assert.Equal([account], await QueuedAsync(h, "account"));
        Assert.Equal([orphan], await QueuedAsync(h, "contact"));
    }

    [Fact]
    public async Task Changed_order_line_queues_its_order_and_not_itself()
    {
        await using var h = await SyncHarness.StartAsync(dataverseSeed: "demo");
        await h.ProvisionAsync();
        await h.SyncOnceAsync(waitForRetries: true);
        var line = (await h.Dynamics.QueryAsync("salesorderdetails?$select=salesorderdetailid,_salesorderid_value&$top=1")).Single();

        var lineId = Guid.Parse(line.Text("salesorderdetailid")!);
        var order = Guid.Parse(line.Text("_salesorderid_value")!);
        await h.Dynamics.UpdateAsync("salesorderdetails", lineId, new JsonObject { ["quantity"] = 7 });
        await new ChangeCapture(h.Connection).CaptureAsync(["salesorderdetail"], default);

        Assert.Equal([order], await QueuedAsync(h, "salesorder"));
        Assert.Empty(await QueuedAsync(h, "salesorderdetail"));
    }
}
