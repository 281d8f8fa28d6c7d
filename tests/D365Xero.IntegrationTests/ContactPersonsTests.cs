using System.Text.Json.Nodes;
using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.Sync.Steps;

namespace D365Xero.IntegrationTests;

/// <summary>An account's other contacts are its Xero contact's ContactPersons: at most 5, oldest first, whole list always.</summary>
public sealed class ContactPersonsTests
{
    private static Task<Guid> ContactAsync(SyncHarness h, string first, Guid? account) =>
        h.Dynamics.CreateAsync("contacts", account is { } a
            ? new JsonObject { ["firstname"] = first, ["lastname"] = "Tester", ["emailaddress1"] = $"{first.ToLowerInvariant()}@example.com", ["parentcustomerid_account@odata.bind"] = $"/accounts({a})" }
            : new JsonObject { ["firstname"] = first, ["lastname"] = "Tester", ["emailaddress1"] = $"{first.ToLowerInvariant()}@example.com" });

    [Fact]
    public async Task Reparented_contact_leaves_the_old_accounts_people_and_joins_the_new_ones()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var a = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Account A" });
        var b = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Account B" });
        await ContactAsync(h, "Stay", a);
        var mover = await ContactAsync(h, "Mover", a);
        await h.SyncOnceAsync();
        Assert.Equal(new[] { "Mover", "Stay" }, (await h.Xero.ContactOfAccountAsync(a)).PersonFirstNames().Order());

        await h.Dynamics.UpdateAsync("contacts", mover, new JsonObject { ["parentcustomerid_account@odata.bind"] = $"/accounts({b})" });
        await h.SyncOnceAsync();

        Assert.Equal(new[] { "Stay" }, (await h.Xero.ContactOfAccountAsync(a)).PersonFirstNames());
        Assert.Equal(new[] { "Mover" }, (await h.Xero.ContactOfAccountAsync(b)).PersonFirstNames());
        Assert.Equal("Synced", (await h.Dynamics.GetAsync("contacts", mover)).Text("xero_syncstatus"));
    }

    [Fact]
    public async Task Xero_keeps_the_five_oldest_contacts_and_the_rest_are_marked_skipped_saying_why()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Big Family Ltd" });
        var names = new[] { "One", "Two", "Three", "Four", "Five", "Six", "Seven" };
        var ids = new List<Guid>();
        foreach (var name in names)
        {
            ids.Add(await ContactAsync(h, name, account));
            h.DataverseClock.Advance(TimeSpan.FromSeconds(1));
        }

        await h.SyncOnceAsync();

        var contact = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal(names[..5], contact.PersonFirstNames());
        for (var i = 0; i < names.Length; i++)
        {
            var row = await h.Dynamics.GetAsync("contacts", ids[i]);
            if (i < 5)
            {
                Assert.Equal("Synced", row.Text("xero_syncstatus"));
                Assert.Null(row.Text("xero_syncerror"));
            }
            else
            {
                Assert.Equal("Skipped", row.Text("xero_syncstatus"));
                Assert.Contains("at most 5", row.Text("xero_syncerror"));
            }
        }
    }

    [Fact]
    public async Task When_one_of_the_five_is_deleted_the_oldest_skipped_contact_takes_its_place()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Big Family Ltd" });
        var ids = new List<Guid>();
        foreach (var name in new[] { "One", "Two", "Three", "Four", "Five", "Six", "Seven" })
        {
            ids.Add(await ContactAsync(h, name, account));
            h.DataverseClock.Advance(TimeSpan.FromSeconds(1));
        }
        await h.SyncOnceAsync();

        await h.Dynamics.DeleteAsync("contacts", ids[1]);
        await h.SyncOnceAsync();

        Assert.Equal(new[] { "One", "Three", "Four", "Five", "Six" }, (await h.Xero.ContactOfAccountAsync(account)).PersonFirstNames());
        var six = await h.Dynamics.GetAsync("contacts", ids[5]);
        Assert.Equal("Synced", six.Text("xero_syncstatus"));
        Assert.Null(six.Text("xero_syncerror"));
        Assert.Equal("Skipped", (await h.Dynamics.GetAsync("contacts", ids[6])).Text("xero_syncstatus"));
    }

    [Fact]
    public async Task A_new_sixth_contact_is_skipped_and_the_five_already_in_xero_stay()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Growing Ltd" });
        foreach (var name in new[] { "One", "Two", "Three", "Four", "Five" })
        {
            await ContactAsync(h, name, account);
            h.DataverseClock.Advance(TimeSpan.FromSeconds(1));
        }
        await h.SyncOnceAsync();

        var sixth = await ContactAsync(h, "Six", account);
        await h.SyncOnceAsync();

        Assert.Equal(new[] { "One", "Two", "Three", "Four", "Five" }, (await h.Xero.ContactOfAccountAsync(account)).PersonFirstNames());
        var row = await h.Dynamics.GetAsync("contacts", sixth);
        Assert.Equal("Skipped", row.Text("xero_syncstatus"));
        Assert.Contains("at most 5", row.Text("xero_syncerror"));
    }

    [Fact]
    public async Task Contact_without_a_parent_account_is_skipped_with_the_reason_on_its_row()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var loner = await ContactAsync(h, "Loner", account: null);
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync();

        var row = await h.Dynamics.GetAsync("contacts", loner);
        Assert.Equal("Skipped", row.Text("xero_syncstatus"));
        Assert.Equal(ContactFanout.NoParentReason, row.Text("xero_syncerror"));
        var skipped = await h.Store.GetLinksByStatusAsync(h.Connection.Name, SyncStatus.Skipped, 10, default);
        Assert.Contains(skipped, l => l.DynamicsId == loner && l.LastError == ContactFanout.NoParentReason);
        Assert.Equal(0, await h.Xero.CallsAsync("POST /Contacts"));
    }
}
