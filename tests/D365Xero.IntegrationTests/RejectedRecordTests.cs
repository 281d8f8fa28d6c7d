using System.Text.Json.Nodes;
using D365Xero.Journal;

namespace D365Xero.IntegrationTests;

/// <summary>A record Xero refuses fails alone, with the reason on its row and in the store; the rest of its batch syncs.</summary>
public sealed class RejectedRecordTests
{
    [Fact]
    public async Task Account_whose_account_number_another_xero_contact_holds_shows_the_error_and_the_rest_of_the_batch_syncs()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Woodgrove Bank", ["accountnumber"] = "WB-1" });
        await h.SyncOnceAsync();

        var clash = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Woodgrove Savings", ["accountnumber"] = "WB-1" });
        var others = new List<Guid>();
        for (var i = 0; i < 4; i++) others.Add(await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Neighbour {i}" }));
        await h.Xero.ResetStatsAsync();
        await h.SyncOnceAsync();

        Assert.Equal(1, await h.Xero.CallsAsync("POST /Contacts")); // one batch, not one call per record
        var row = await h.Dynamics.GetAsync("accounts", clash);
        Assert.Equal("Error", row.Text("xero_syncstatus"));
        Assert.Contains("Account Number already exists", row.Text("xero_syncerror"));
        Assert.Null(row.Text("xero_contactid"));
        var errors = await h.Store.GetLinksByStatusAsync(h.Connection.Name, SyncStatus.Error, 10, default);
        Assert.Equal(clash, Assert.Single(errors).DynamicsId);
        Assert.Contains("Account Number already exists", errors[0].LastError);
        foreach (var id in others)
        {
            Assert.Equal("Synced", (await h.Dynamics.GetAsync("accounts", id)).Text("xero_syncstatus"));
            Assert.Equal("ACTIVE", (await h.Xero.ContactOfAccountAsync(id)).Text("ContactStatus"));
        }
        Assert.Equal(5, (await h.Xero.ContactsAsync()).Count);
    }

    [Fact]
    public async Task Refused_account_is_not_resent_until_it_changes_and_then_syncs()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Woodgrove Bank", ["accountnumber"] = "WB-1" });
        await h.SyncOnceAsync();
        var clash = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Woodgrove Savings", ["accountnumber"] = "WB-1" });
        await h.SyncOnceAsync();
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync(); // the echo of the error write-back
        Assert.Equal(0, await h.Xero.CallsAsync("POST /Contacts"));

        await h.Dynamics.UpdateAsync("accounts", clash, new JsonObject { ["accountnumber"] = "WB-2" });
        await h.SyncOnceAsync();

        var row = await h.Dynamics.GetAsync("accounts", clash);
        Assert.Equal("Synced", row.Text("xero_syncstatus"));
        Assert.Null(row.Text("xero_syncerror"));
        Assert.Equal("WB-2", (await h.Xero.ContactOfAccountAsync(clash)).Text("AccountNumber"));
        Assert.Empty(await h.Store.GetLinksByStatusAsync(h.Connection.Name, SyncStatus.Error, 10, default));
    }
}
