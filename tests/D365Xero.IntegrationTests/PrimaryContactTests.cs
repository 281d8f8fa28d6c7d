using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>The account's primary contact is the Xero contact's own FirstName/LastName/EmailAddress.</summary>
public sealed class PrimaryContactTests
{
    private static async Task<(Guid Account, Guid Ann, Guid Ben)> AccountWithTwoPeopleAsync(SyncHarness h)
    {
        var account = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Litware", ["emailaddress1"] = "office@litware.com" });
        var ann = await h.Dynamics.CreateAsync("contacts", new JsonObject
        {
            ["firstname"] = "Ann", ["lastname"] = "Archer", ["emailaddress1"] = "ann@litware.com",
            ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
        });
        h.DataverseClock.Advance(TimeSpan.FromSeconds(1));
        var ben = await h.Dynamics.CreateAsync("contacts", new JsonObject
        {
            ["firstname"] = "Ben", ["lastname"] = "Baker", ["emailaddress1"] = "ben@litware.com",
            ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
        });
        await h.Dynamics.UpdateAsync("accounts", account, new JsonObject { ["primarycontactid@odata.bind"] = $"/contacts({ann})" });
        return (account, ann, ben);
    }

    [Fact]
    public async Task Changing_the_primary_contact_moves_first_name_last_name_and_email()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var (account, _, ben) = await AccountWithTwoPeopleAsync(h);
        await h.SyncOnceAsync();
        var before = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal(("Ann", "Archer", "ann@litware.com"), (before.Text("FirstName"), before.Text("LastName"), before.Text("EmailAddress")));
        Assert.Equal(new[] { "Ben" }, before.PersonFirstNames());

        await h.Dynamics.UpdateAsync("accounts", account, new JsonObject { ["primarycontactid@odata.bind"] = $"/contacts({ben})" });
        await h.SyncOnceAsync();

        var after = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal(("Ben", "Baker", "ben@litware.com"), (after.Text("FirstName"), after.Text("LastName"), after.Text("EmailAddress")));
        Assert.Equal(new[] { "Ann" }, after.PersonFirstNames());
    }

    [Fact]
    public async Task Removing_the_primary_contact_falls_back_to_the_account_email()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var (account, ann, _) = await AccountWithTwoPeopleAsync(h);
        await h.SyncOnceAsync();

        await h.Dynamics.ClearLookupAsync("accounts", account, "primarycontactid");
        await h.SyncOnceAsync();

        var contact = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal("office@litware.com", contact.Text("EmailAddress"));
        Assert.True(string.IsNullOrEmpty(contact.Text("FirstName")), $"FirstName still '{contact.Text("FirstName")}'");
        Assert.True(string.IsNullOrEmpty(contact.Text("LastName")), $"LastName still '{contact.Text("LastName")}'");
        // Ann is still a contact of the account, so she is now one of its people.
        Assert.Equal(new[] { "Ann", "Ben" }, contact.PersonFirstNames());
        Assert.Equal("Synced", (await h.Dynamics.GetAsync("contacts", ann)).Text("xero_syncstatus"));
    }

    [Fact]
    public async Task Deleting_the_primary_contact_removes_it_from_the_xero_contact()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var (account, ann, _) = await AccountWithTwoPeopleAsync(h);
        await h.SyncOnceAsync();

        await h.Dynamics.DeleteAsync("contacts", ann);
        await h.SyncOnceAsync();

        var contact = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal("office@litware.com", contact.Text("EmailAddress"));
        Assert.True(string.IsNullOrEmpty(contact.Text("FirstName")), $"FirstName still '{contact.Text("FirstName")}'");
        Assert.Equal(new[] { "Ben" }, contact.PersonFirstNames());
    }
}
