using System.Text.Json.Nodes;
using D365Xero.Journal;

namespace D365Xero.IntegrationTests;

/// <summary>Xero names are unique among active contacts; Dynamics names are not.</summary>
public sealed class SameNameTests
{
    [Fact]
    public async Task Two_accounts_with_one_name_both_reach_xero_the_newer_with_a_visible_suffix()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var older = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Fourth Coffee" });
        h.DataverseClock.Advance(TimeSpan.FromSeconds(1));
        var newer = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Fourth Coffee" });

        await h.SyncOnceAsync();

        Assert.Equal("Fourth Coffee", (await h.Xero.ContactOfAccountAsync(older)).Text("Name"));
        Assert.Equal($"Fourth Coffee (D365 {newer.ToString("N")[..8]})", (await h.Xero.ContactOfAccountAsync(newer)).Text("Name"));
        Assert.Equal(2, (await h.Xero.ContactsAsync()).Count);
        Assert.Equal("Synced", (await h.Dynamics.GetAsync("accounts", older)).Text("xero_syncstatus"));
        Assert.Equal("Synced", (await h.Dynamics.GetAsync("accounts", newer)).Text("xero_syncstatus"));
        Assert.Empty(await h.Store.GetLinksByStatusAsync(h.Connection.Name, SyncStatus.Error, 10, default));
    }

    [Fact]
    public async Task Account_named_like_one_already_in_xero_gets_its_account_number_as_suffix_and_keeps_it()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var first = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Fourth Coffee", ["accountnumber"] = "FC-1" });
        await h.SyncOnceAsync();

        var second = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Fourth Coffee", ["accountnumber"] = "FC-2" });
        await h.SyncOnceAsync();
        await h.Dynamics.UpdateAsync("accounts", second, new JsonObject { ["telephone1"] = "+1 555 0100" });
        await h.SyncOnceAsync();

        Assert.Equal("Fourth Coffee", (await h.Xero.ContactOfAccountAsync(first)).Text("Name"));
        var contact = await h.Xero.ContactOfAccountAsync(second);
        Assert.Equal("Fourth Coffee (FC-2)", contact.Text("Name"));
        Assert.Equal("+1 555 0100", contact.PhoneNumber("DEFAULT"));
        Assert.Equal("Synced", (await h.Dynamics.GetAsync("accounts", second)).Text("xero_syncstatus"));
    }
}
