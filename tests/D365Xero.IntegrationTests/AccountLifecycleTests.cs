using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>Xero has no delete for contacts: deactivation and deletion archive, reactivation restores.</summary>
public sealed class AccountLifecycleTests
{
    private static async Task<Guid> SyncedAccountAsync(SyncHarness h)
    {
        var account = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Tailspin Toys" });
        await h.SyncOnceAsync();
        Assert.Equal("ACTIVE", (await h.Xero.ContactOfAccountAsync(account)).Text("ContactStatus"));
        return account;
    }

    [Fact]
    public async Task Deactivated_account_archives_its_xero_contact()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await SyncedAccountAsync(h);

        await h.Dynamics.UpdateAsync("accounts", account, new JsonObject { ["statecode"] = 1, ["statuscode"] = 2 });
        await h.SyncOnceAsync();

        Assert.Equal("ARCHIVED", (await h.Xero.ContactOfAccountAsync(account)).Text("ContactStatus"));
        Assert.Equal("Synced", (await h.Dynamics.GetAsync("accounts", account)).Text("xero_syncstatus"));
    }

    [Fact]
    public async Task Reactivated_account_restores_its_xero_contact()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await SyncedAccountAsync(h);
        await h.Dynamics.UpdateAsync("accounts", account, new JsonObject { ["statecode"] = 1, ["statuscode"] = 2 });
        await h.SyncOnceAsync();

        await h.Dynamics.UpdateAsync("accounts", account, new JsonObject { ["statecode"] = 0, ["statuscode"] = 1 });
        await h.SyncOnceAsync();

        var contact = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal("ACTIVE", contact.Text("ContactStatus"));
        Assert.Equal("Tailspin Toys", contact.Text("Name"));
        Assert.Single(await h.Xero.ContactsAsync());
    }

    [Fact]
    public async Task Deleted_account_archives_its_xero_contact()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await SyncedAccountAsync(h);
        var contactId = (await h.Xero.ContactOfAccountAsync(account)).Text("ContactID");

        await h.Dynamics.DeleteAsync("accounts", account);
        await h.SyncOnceAsync();

        var contact = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal(contactId, contact.Text("ContactID"));
        Assert.Equal("ARCHIVED", contact.Text("ContactStatus"));
        Assert.Single(await h.Xero.ContactsAsync());
    }
}
