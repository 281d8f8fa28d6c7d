using D365Xero.Journal;
using D365Xero.Source.Rows;
using D365Xero.Sync;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Tests.Sync.Steps;

/// <summary>The account step on fakes: the whole contact with its people, names kept unique, people planned with their account.</summary>
public sealed class AccountStepTests
{
    private static AccountRow Account(string name) => new() { Id = Guid.NewGuid(), Name = name, CreatedOn = DateTimeOffset.UnixEpoch };

    private static ContactRow Person(Guid account, string first, string? email = null, int state = 0) =>
        new() { Id = Guid.NewGuid(), FirstName = first, LastName = "Smith", FullName = $"{first} Smith", Email = email, ParentAccountId = account, StateCode = state };

    [Fact]
    public async Task An_account_goes_with_its_people_and_each_person_row_says_synced_or_why_not()
    {
        var rig = new StepRig();
        var account = Account("Contoso");
        var ann = Person(account.Id, "Ann", "ann@contoso.example");
        var gone = Person(account.Id, "Bob", state: 1);
        rig.Dynamics.Accounts[account.Id] = account;
        rig.Dynamics.Contacts[ann.Id] = ann;
        rig.Dynamics.Contacts[gone.Id] = gone;

        await rig.WorkAsync(SyncedTables.Account, account.Id);

        var contact = Assert.Single(rig.Xero.Contacts);
        Assert.Equal(("Contoso", "Ann"), (contact.Name, contact.ContactPersons!.Single().FirstName));
        Assert.Equal("Synced", rig.Dynamics.Written[("contact", ann.Id)].Status);
        Assert.Equal(("Skipped", "The contact is inactive, so it is not among the Xero contact's people."),
            (rig.Dynamics.Written[("contact", gone.Id)].Status, rig.Dynamics.Written[("contact", gone.Id)].Error));
        Assert.Equal(account.Id, LinkDetail.Parse(rig.LinkOf(SyncedTables.Contact, ann.Id).Detail).Account);
    }

    [Fact]
    public async Task A_person_is_marked_sent_only_when_its_own_details_went_to_Xero_not_with_every_resend_of_its_account()
    {
        var rig = new StepRig();
        var account = Account("Contoso");
        var ann = Person(account.Id, "Ann", "ann@contoso.example");
        rig.Dynamics.Accounts[account.Id] = account;
        rig.Dynamics.Contacts[ann.Id] = ann;
        await rig.WorkAsync(SyncedTables.Account, account.Id);
        Assert.True(rig.Dynamics.Written[("contact", ann.Id)].Sent);
        var first = rig.LinkOf(SyncedTables.Contact, ann.Id).SyncedAt;

        // The account is renamed: it goes again, with Ann inside, but nothing of Ann's changed.
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        rig.Dynamics.Accounts[account.Id] = account with { Name = "Contoso Ltd" };
        await rig.WorkAsync(SyncedTables.Account, account.Id);
        Assert.Equal("Contoso Ltd", rig.Xero.Contacts.Single().Name);
        Assert.True(rig.Dynamics.Written[("account", account.Id)].Sent);
        Assert.False(rig.Dynamics.Written[("contact", ann.Id)].Sent);
        Assert.Equal(first, rig.LinkOf(SyncedTables.Contact, ann.Id).SyncedAt);

        // Ann's e-mail changes: her details go, and her row says so.
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        rig.Dynamics.Contacts[ann.Id] = ann with { Email = "ann@contoso.test" };
        await rig.WorkAsync(SyncedTables.Account, account.Id);
        Assert.Equal("ann@contoso.test", rig.Xero.Contacts.Single().ContactPersons!.Single().EmailAddress);
        Assert.True(rig.Dynamics.Written[("contact", ann.Id)].Sent);
        Assert.Equal(rig.Time.GetUtcNow(), rig.LinkOf(SyncedTables.Contact, ann.Id).SyncedAt);
        Assert.Equal(("Synced", "Synced"), (rig.Dynamics.Written[("contact", ann.Id)].Status, rig.Dynamics.Written[("account", account.Id)].Status));
    }

    [Fact]
    public async Task A_name_another_accounts_xero_contact_holds_is_sent_with_a_visible_suffix()
    {
        var rig = new StepRig();
        rig.Xero.Contacts.Add(new XeroContact { ContactID = Guid.NewGuid(), Name = "Contoso", ContactNumber = "D365-" + Guid.NewGuid().ToString("N"), ContactStatus = "ACTIVE" });
        var account = Account("Contoso") with { AccountNumber = "ACC-7" };
        rig.Dynamics.Accounts[account.Id] = account;

        await rig.WorkAsync(SyncedTables.Account, account.Id);

        Assert.Contains(rig.Xero.Contacts, c => c.Name == "Contoso (ACC-7)");
        Assert.Equal(SyncStatus.Synced, rig.LinkOf(SyncedTables.Account, account.Id).Status);
    }

    [Fact]
    public async Task The_dry_run_plans_people_with_their_account_and_says_why_one_is_left_out()
    {
        var rig = new StepRig();
        var account = Account("Contoso");
        var ann = Person(account.Id, "Ann", "ann@contoso.example");
        var gone = Person(account.Id, "Bob", state: 1);
        rig.Dynamics.Accounts[account.Id] = account;
        rig.Dynamics.Contacts[ann.Id] = ann;
        rig.Dynamics.Contacts[gone.Id] = gone;

        var plan = await SyncedTables.Account.Step(rig.Services()).PreviewAsync([account.Id], default);

        Assert.Equal(
            [("account", PlannedAction.Create), ("contact", PlannedAction.Create), ("contact", PlannedAction.Skip)],
            plan.Select(p => (p.Table, p.Action)).OrderBy(p => p.Table).ThenBy(p => p.Action));
        Assert.Equal("Bob Smith", plan.Single(p => p.Action == PlannedAction.Skip).Name);
        Assert.Empty(rig.Store.Links);
        Assert.DoesNotContain("POST Contacts", rig.Xero.Calls);
    }
}
