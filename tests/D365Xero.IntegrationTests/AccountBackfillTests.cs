using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

public sealed class AccountBackfillTests
{
    [Fact]
    public async Task Backfill_creates_one_xero_contact_per_account_with_its_people_and_writes_the_id_back()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var accounts = new List<Guid>();
        for (var i = 0; i < 120; i++)
        {
            accounts.Add(await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Customer {i:D3}", ["telephone1"] = $"555-{i:D4}" }));
        }
        var primary = await h.Dynamics.CreateAsync("contacts", new JsonObject
        {
            ["firstname"] = "Pat", ["lastname"] = "Primary", ["emailaddress1"] = "pat@example.com",
            ["parentcustomerid_account@odata.bind"] = $"/accounts({accounts[0]})",
        });
        await h.Dynamics.CreateAsync("contacts", new JsonObject
        {
            ["firstname"] = "Sam", ["lastname"] = "Second", ["emailaddress1"] = "sam@example.com",
            ["parentcustomerid_account@odata.bind"] = $"/accounts({accounts[0]})",
        });
        await h.Dynamics.UpdateAsync("accounts", accounts[0], new JsonObject { ["primarycontactid@odata.bind"] = $"/contacts({primary})" });
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync();

        var contacts = await h.Xero.ContactsAsync();
        Assert.Equal(120, contacts.Count);
        var first = contacts.Single(c => c["Name"]!.GetValue<string>() == "Customer 000");
        Assert.Equal("D365-" + accounts[0].ToString("N"), first["ContactNumber"]!.GetValue<string>());
        Assert.Equal("Pat", first["FirstName"]!.GetValue<string>());
        Assert.Equal("Sam", first["ContactPersons"]!.AsArray().Single()!["FirstName"]!.GetValue<string>());
        var row = await h.Dynamics.GetAsync("accounts", accounts[0]);
        Assert.Equal(first["ContactID"]!.GetValue<string>(), row["xero_contactid"]!.GetValue<string>());
        Assert.Equal("Synced", row["xero_syncstatus"]!.GetValue<string>());
        var stats = await h.Xero.StatsAsync();
        Assert.Equal(3, stats["byOperation"]!["POST /Contacts"]!.GetValue<long>()); // ceil(120 / 50)
    }
}
