using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>An expired change-tracking token means a full read again, which must rely on links and matching.</summary>
public sealed class DeltaTokenExpiryTests
{
    [Fact]
    public async Task Expired_delta_token_resyncs_everything_without_duplicates_or_writes_for_unchanged_rows()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var accounts = new List<Guid>();
        for (var i = 0; i < 60; i++) accounts.Add(await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Customer {i:D2}" }));
        await h.Dynamics.CreateAsync("contacts", new JsonObject
        {
            ["firstname"] = "Pat", ["lastname"] = "Person", ["parentcustomerid_account@odata.bind"] = $"/accounts({accounts[0]})",
        });
        await h.SyncOnceAsync();
        await h.SyncOnceAsync(); // the echo
        var before = (await h.Xero.ContactsAsync()).Select(c => c.Text("ContactID")).Order().ToList();

        await h.Dynamics.ControlAsync("changetracking/expire");
        await h.Xero.ResetStatsAsync();
        await h.SyncOnceAsync();

        Assert.Equal(0, await h.Xero.CallsAsync("POST /Contacts"));
        Assert.Equal(0, await h.Xero.CallsAsync("PUT /Contacts"));
        Assert.Equal(before, (await h.Xero.ContactsAsync()).Select(c => c.Text("ContactID")).Order().ToList());
    }

    [Fact]
    public async Task Expired_delta_token_still_sends_the_one_row_that_changed()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var accounts = new List<Guid>();
        for (var i = 0; i < 5; i++) accounts.Add(await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Customer {i}" }));
        await h.SyncOnceAsync();
        await h.Dynamics.UpdateAsync("accounts", accounts[2], new JsonObject { ["name"] = "Customer Two Renamed" });

        await h.Dynamics.ControlAsync("changetracking/expire");
        await h.Xero.ResetStatsAsync();
        await h.SyncOnceAsync();

        Assert.Equal(1, await h.Xero.CallsAsync("POST /Contacts"));
        Assert.Equal("Customer Two Renamed", (await h.Xero.ContactOfAccountAsync(accounts[2])).Text("Name"));
        Assert.Equal(5, (await h.Xero.ContactsAsync()).Count);
    }
}
