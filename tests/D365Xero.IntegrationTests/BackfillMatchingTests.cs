using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>First sync into a Xero organisation that already holds some of the customers (xero seed "demo").</summary>
public sealed class BackfillMatchingTests
{
    [Fact]
    public async Task Backfill_links_existing_xero_contacts_by_account_number_and_by_normalised_name_instead_of_duplicating()
    {
        await using var h = await SyncHarness.StartAsync(xeroSeed: "demo");
        await h.ProvisionAsync();
        var before = await h.Xero.ContactsAsync();
        var fabrikamId = before.Single(c => c.Text("Name") == "Fabrikam, Inc.").Text("ContactID");
        var contosoId = before.Single(c => c.Text("Name") == "Contoso Pharmaceuticals").Text("ContactID");
        var fabrikam = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "  fabrikam,   INC. " });
        var contoso = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Contoso Pharma", ["accountnumber"] = "CONT-0002" });
        var northwind = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Northwind Traders" });

        await h.SyncOnceAsync();

        var after = await h.Xero.ContactsAsync();
        Assert.Equal(before.Count + 1, after.Count); // only Northwind is new
        var fabrikamContact = await h.Xero.ContactOfAccountAsync(fabrikam);
        Assert.Equal(fabrikamId, fabrikamContact.Text("ContactID"));
        Assert.Equal("D365-" + fabrikam.ToString("N"), fabrikamContact.Text("ContactNumber"));
        var contosoContact = await h.Xero.ContactOfAccountAsync(contoso);
        Assert.Equal(contosoId, contosoContact.Text("ContactID"));
        Assert.Equal("Contoso Pharma", contosoContact.Text("Name"));
        Assert.Equal(fabrikamId, (await h.Dynamics.GetAsync("accounts", fabrikam)).Text("xero_contactid"));
        Assert.Equal(contosoId, (await h.Dynamics.GetAsync("accounts", contoso)).Text("xero_contactid"));
        var northwindRow = await h.Dynamics.GetAsync("accounts", northwind);
        Assert.Equal("Synced", northwindRow.Text("xero_syncstatus"));
        Assert.DoesNotContain(northwindRow.Text("xero_contactid"), before.Select(c => c.Text("ContactID")));
    }

    [Fact]
    public async Task Archived_xero_contact_with_the_same_name_is_neither_matched_nor_in_the_way()
    {
        await using var h = await SyncHarness.StartAsync(xeroSeed: "demo");
        await h.ProvisionAsync();
        var archived = (await h.Xero.ContactsAsync()).Single(c => c.Text("Name") == "Old Customer Ltd");
        var account = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Old Customer Ltd" });

        await h.SyncOnceAsync();

        var contact = await h.Xero.ContactOfAccountAsync(account);
        Assert.NotEqual(archived.Text("ContactID"), contact.Text("ContactID"));
        Assert.Equal("Old Customer Ltd", contact.Text("Name"));
        Assert.Equal("ACTIVE", contact.Text("ContactStatus"));
        var stillArchived = (await h.Xero.ContactsAsync()).Single(c => c.Text("ContactID") == archived.Text("ContactID"));
        Assert.Equal("ARCHIVED", stillArchived.Text("ContactStatus"));
        Assert.Null(stillArchived.Text("ContactNumber"));
        var row = await h.Dynamics.GetAsync("accounts", account);
        Assert.Equal("Synced", row.Text("xero_syncstatus"));
        Assert.Equal(contact.Text("ContactID"), row.Text("xero_contactid"));
    }

    [Fact]
    public async Task Two_accounts_sharing_an_account_number_do_not_both_take_the_one_matching_xero_contact()
    {
        await using var h = await SyncHarness.StartAsync(xeroSeed: "demo");
        await h.ProvisionAsync();
        var contosoId = (await h.Xero.ContactsAsync()).Single(c => c.Text("Name") == "Contoso Pharmaceuticals").Text("ContactID");
        var first = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Contoso Pharmaceuticals", ["accountnumber"] = "CONT-0002" });
        h.DataverseClock.Advance(TimeSpan.FromSeconds(1));
        var second = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Contoso Labs", ["accountnumber"] = "CONT-0002" });

        await h.SyncOnceAsync();

        var firstRow = await h.Dynamics.GetAsync("accounts", first);
        var secondRow = await h.Dynamics.GetAsync("accounts", second);
        Assert.Equal(contosoId, firstRow.Text("xero_contactid"));
        Assert.NotEqual(contosoId, secondRow.Text("xero_contactid"));
        var contoso = await h.Xero.ContactOfAccountAsync(first);
        Assert.Equal("Contoso Pharmaceuticals", contoso.Text("Name"));
        // The account number is Xero's to keep unique: the second account is refused, saying why.
        Assert.Equal("Error", secondRow.Text("xero_syncstatus"));
        Assert.Contains("Account Number", secondRow.Text("xero_syncerror"));
    }

    [Fact]
    public async Task Backfill_of_n_accounts_costs_ceil_n_over_50_posts_and_one_read_for_matching()
    {
        await using var h = await SyncHarness.StartAsync(xeroSeed: "demo");
        await h.ProvisionAsync();
        await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Fabrikam, Inc." });
        await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Contoso", ["accountnumber"] = "CONT-0002" });
        for (var i = 0; i < 99; i++) await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Customer {i:D3}" });
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync();

        var stats = await h.Xero.StatsAsync();
        var byOperation = stats["byOperation"]!.AsObject();
        Assert.Equal(3, byOperation["POST /Contacts"]!.GetValue<long>()); // ceil(101 / 50)
        Assert.Equal(1, byOperation["GET /Contacts"]!.GetValue<long>()); // the index: up to 1,000 contacts a page
        Assert.Null(byOperation["GET /Contacts/{id}"]);
        Assert.Null(byOperation["PUT /Contacts"]);
        Assert.Equal(101 + 1, (await h.Xero.ContactsAsync()).Count); // 99 new + 2 matched + the archived one
    }
}
