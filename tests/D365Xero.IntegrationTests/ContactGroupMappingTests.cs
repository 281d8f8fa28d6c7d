using System.Text.Json.Nodes;
using D365Xero.Hosting;
using D365Xero.Source.Dataverse;

namespace D365Xero.IntegrationTests;

/// <summary>
/// <c>Mapping:Contact:ContactGroup</c> over real HTTP against both emulators (docs/mappings.md#contact-groups): an account's
/// choice column puts its contact into the Xero contact group it names, one call per group for the whole batch; a changed
/// value moves it (one DELETE out of the group the connector put it in, no other group touched); an emptied one takes it
/// out; a group Xero does not have stops the row before any call is spent.
/// </summary>
public sealed class ContactGroupMappingTests
{
    private const int Shop = 727270000, TradeLabel = 727270001, Wholesale = 727270002;
    private const string Groups = "api.xro/2.0/ContactGroups";

    private static void Configure(Dictionary<string, string?> s)
    {
        s["Dataverse:ColumnPrefix"] = "new";
        s["Mapping:Contact:ContactGroup:Column"] = "account.new_segment";
        s["Mapping:Contact:ContactGroup:Values:Shop"] = "retail"; // any case: Xero's group is "Retail"
        s["Mapping:Contact:ContactGroup:Values:Trade"] = "Trade";
        s["Mapping:Contact:ContactGroup:Values:Wholesale"] = "Wholesale";
    }

    private static async Task<SyncHarness> StartAsync(bool keepWhenEmpty = false)
    {
        var h = await SyncHarness.StartAsync(configure: s =>
        {
            Configure(s);
            if (keepWhenEmpty) s["Mapping:Contact:ContactGroup:KeepWhenEmpty"] = "true";
        });
        await h.ProvisionAsync();
        var dataverse = h.Connection.Dataverse;
        var solution = await dataverse.EnsurePublisherAndSolutionAsync("new");
        await dataverse.CreatePicklistColumnAsync("account", "new_Segment", "Segment", "The customer's segment",
            [new PicklistOption(Shop, "Shop"), new PicklistOption(TradeLabel, "Trade"), new PicklistOption(Wholesale, "Wholesale")], solution.UniqueName);
        await dataverse.PublishAsync(["account"]);
        return h;
    }

    private static async Task<Guid> GroupAsync(SyncHarness h, string name)
    {
        var reply = await h.Xero.PutAsync(Groups, new JsonObject { ["ContactGroups"] = new JsonArray(new JsonObject { ["Name"] = name }) });
        return Guid.Parse(reply["ContactGroups"]![0]!["ContactGroupID"]!.GetValue<string>());
    }

    private static async Task<List<string>> MembersAsync(SyncHarness h, Guid group) =>
        (await h.Xero.GetAsync($"{Groups}/{group}"))["ContactGroups"]![0]!["Contacts"]!.AsArray().Select(c => c!["Name"]!.GetValue<string>()).Order().ToList();

    private static List<string> GroupsOf(JsonObject contact) =>
        contact["ContactGroups"]!.AsArray().Select(g => g!["Name"]!.GetValue<string>()).Order().ToList();

    private static async Task<long> DeletesAsync(SyncHarness h) =>
        (await h.Xero.StatsAsync())["byOperation"]!.AsObject().Where(kv => kv.Key.StartsWith("DELETE /ContactGroups/", StringComparison.Ordinal)).Sum(kv => kv.Value!.GetValue<long>());

    [Fact]
    public async Task Each_contact_goes_into_its_group_with_one_call_per_group_and_a_changed_value_moves_it()
    {
        await using var h = await StartAsync();
        var retail = await GroupAsync(h, "Retail");
        var trade = await GroupAsync(h, "Trade");
        var a = await h.AccountAsync("Alpha Cycles", new JsonObject { ["new_segment"] = Shop });
        var b = await h.AccountAsync("Bravo Bikes", new JsonObject { ["new_segment"] = Shop });
        var c = await h.AccountAsync("Charlie Trade", new JsonObject { ["new_segment"] = TradeLabel });
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync();

        // Three contacts in one batch: one PUT per group, none per contact.
        Assert.Equal(2, await h.Xero.CallsAsync("PUT /ContactGroups/{id}/Contacts"));
        Assert.Equal(2, h.Connection.Xero.CallsMade["PUT ContactGroups Contacts"]);
        Assert.Equal(["Alpha Cycles", "Bravo Bikes"], await MembersAsync(h, retail));
        Assert.Equal(["Charlie Trade"], await MembersAsync(h, trade));
        Assert.Equal(["Retail"], GroupsOf(await h.Xero.ContactOfAccountAsync(a)));
        Assert.Equal("Synced", (await h.Dynamics.GetAsync("accounts", c)).Text("new_syncstatus"));

        // A group someone put Alpha in by hand in Xero is not the connector's: it is never touched.
        var alpha = Guid.Parse((await h.Xero.ContactOfAccountAsync(a)).Text("ContactID")!);
        await h.Xero.PutAsync($"{Groups}/{trade}/Contacts", new JsonObject { ["Contacts"] = new JsonArray(new JsonObject { ["ContactID"] = alpha.ToString() }) });
        await h.Xero.ResetStatsAsync();

        // Bravo moves to Trade; Alpha's segment is emptied (no KeepWhenEmpty): out of Retail, still in Trade.
        await h.Dynamics.UpdateAsync("accounts", b, new JsonObject { ["new_segment"] = TradeLabel });
        await h.Dynamics.UpdateAsync("accounts", a, new JsonObject { ["new_segment"] = null });
        await h.SyncOnceAsync();

        Assert.Equal(1, await h.Xero.CallsAsync("PUT /ContactGroups/{id}/Contacts"));
        Assert.Equal(2, await DeletesAsync(h)); // one per contact leaving a group the connector put it in
        Assert.Empty(await MembersAsync(h, retail));
        Assert.Equal(["Alpha Cycles", "Bravo Bikes", "Charlie Trade"], await MembersAsync(h, trade));
        Assert.Equal(["Trade"], GroupsOf(await h.Xero.ContactOfAccountAsync(b)));

        // Unchanged since: nothing more is sent.
        await h.Xero.ResetStatsAsync();
        await h.Dynamics.UpdateAsync("accounts", c, new JsonObject { ["telephone1"] = "555-0100" });
        await h.SyncOnceAsync();
        Assert.Equal(0, await h.Xero.CallsAsync("PUT /ContactGroups/{id}/Contacts") + await DeletesAsync(h));
    }

    [Fact]
    public async Task A_group_xero_does_not_have_stops_the_row_before_any_call_and_check_says_so()
    {
        await using var h = await StartAsync();
        await GroupAsync(h, "Trade");
        await GroupAsync(h, "Retail");
        var account = await h.AccountAsync("Wholesale Partners", new JsonObject { ["new_segment"] = Wholesale });
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync();

        const string message = "Contact group 'Wholesale' does not exist in Xero; its contact groups: Retail, Trade.";
        var row = await h.Dynamics.GetAsync("accounts", account);
        Assert.Equal(("Error", message), (row.Text("new_syncstatus"), row.Text("new_syncerror")));
        Assert.Equal(0, await h.Xero.CallsAsync("PUT /Contacts") + await h.Xero.CallsAsync("POST /Contacts") + await h.Xero.CallsAsync("PUT /ContactGroups/{id}/Contacts"));

        var lines = (await MappingCheck.RunAsync(h.Connection, default)).Select(r => $"{(r.Passed ? "PASS" : "FAIL")} {r.Name}: {r.Detail}").ToList();
        Assert.Contains("PASS Mapping:Contact:ContactGroup:Values:Shop = retail: exists in Xero and may be used", lines);
        Assert.Contains($"FAIL Mapping:Contact:ContactGroup:Values:Wholesale = Wholesale: {message}", lines);

        // Created in Xero: the row goes once the settings are read again (here, a restart).
        await GroupAsync(h, "Wholesale");
        await h.RestartConnectionAsync();
        await h.SyncOnceAsync();

        Assert.Equal("Synced", (await h.Dynamics.GetAsync("accounts", account)).Text("new_syncstatus"));
        Assert.Equal(["Wholesale"], GroupsOf(await h.Xero.ContactOfAccountAsync(account)));
    }

    [Fact]
    public async Task With_KeepWhenEmpty_an_emptied_value_leaves_the_contacts_groups_alone()
    {
        await using var h = await StartAsync(keepWhenEmpty: true);
        var retail = await GroupAsync(h, "Retail");
        var account = await h.AccountAsync("Delta Stores", new JsonObject { ["new_segment"] = Shop });
        await h.SyncOnceAsync();
        await h.Xero.ResetStatsAsync();

        await h.Dynamics.UpdateAsync("accounts", account, new JsonObject { ["new_segment"] = null });
        await h.SyncOnceAsync();

        Assert.Equal(["Delta Stores"], await MembersAsync(h, retail));
        Assert.Equal(0, await DeletesAsync(h));
    }

    [Fact]
    public async Task The_dry_run_fails_the_order_of_a_customer_stopped_before_Xero_as_the_real_run_does()
    {
        await using var h = await StartAsync();
        var customer = await h.AccountAsync("Bulk Buyers", new JsonObject { ["new_segment"] = Wholesale }); // no such group in Xero
        var product = await h.ProductAsync("CG-1", "Crate", 10m);
        var order = await h.OrderAsync(customer);
        await h.LineAsync(order, product, 1m, 10m);

        var plan = await new D365Xero.Sync.BackfillPreview(h.Connection).PlanAsync(null, default);

        Assert.Equal(D365Xero.Sync.PlannedAction.Fail, plan.Single(p => p.DynamicsId == customer).Action);
        var planned = plan.Single(p => p.DynamicsId == order);
        Assert.Equal(D365Xero.Sync.PlannedAction.Fail, planned.Action); // was Create: the refused customer counted as sent
        Assert.Contains("could not be synced", planned.Detail);

        await h.SyncOnceAsync(waitForRetries: true);
        Assert.Equal("Error", (await h.OrderRowAsync(order)).Text("new_syncstatus")); // this test's publisher prefix is new
        Assert.Contains("could not be synced", (await h.OrderRowAsync(order)).Text("new_syncerror"));
    }
}
