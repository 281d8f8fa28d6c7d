using D365Xero.Configuration;
using D365Xero.Journal;
using D365Xero.Source.Rows;
using D365Xero.Sync;
using D365Xero.Sync.Steps;
using D365Xero.Tables;

namespace D365Xero.Tests.Sync.Steps;

/// <summary>Individual customers (Sync:StandaloneContacts) on fakes: a contact without an account is a Xero contact of its own, until it has one.</summary>
public sealed class IndividualStepTests
{
    private static readonly SyncOptions Individuals = new() { StandaloneContacts = true };

    private static ContactRow Jane(Guid? account = null) => new()
    {
        Id = Guid.Parse("6a0e1c2d-0000-4000-8000-00000000000a"), FirstName = "Jane", LastName = "Doe", FullName = "Jane Doe",
        Email = "jane@example.com", ParentAccountId = account, CreatedOn = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task A_contact_without_an_account_becomes_a_xero_contact_of_its_own()
    {
        var rig = new StepRig();
        var jane = Jane();
        rig.Dynamics.Contacts[jane.Id] = jane;

        await rig.WorkAsync(Individuals, SyncedTables.Contact, jane.Id);

        var contact = Assert.Single(rig.Xero.Contacts);
        Assert.Equal(("Jane Doe", "D365-" + jane.Id.ToString("N"), "jane@example.com", "ACTIVE"), (contact.Name, contact.ContactNumber, contact.EmailAddress, contact.ContactStatus));
        var link = rig.LinkOf(SyncedTables.Contact, jane.Id);
        Assert.Equal((SyncStatus.Synced, contact.ContactID.ToString(), true), (link.Status, link.XeroId, LinkDetail.Parse(link.Detail).Own));
        Assert.Equal("Synced", rig.Dynamics.Written[("contact", jane.Id)].Status);
        Assert.Empty(rig.Store.Queued);

        await rig.WorkAsync(Individuals, SyncedTables.Contact, jane.Id);
        Assert.Single(rig.Xero.Contacts);
        Assert.Single(rig.Xero.Calls, c => c.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_setting_a_contact_without_an_account_is_skipped_saying_why()
    {
        var rig = new StepRig();
        var jane = Jane();
        rig.Dynamics.Contacts[jane.Id] = jane;

        await rig.WorkAsync(SyncedTables.Contact, jane.Id);

        Assert.Empty(rig.Xero.Contacts);
        Assert.Equal(("Skipped", ContactFanout.NoParentReason), (rig.Dynamics.Written[("contact", jane.Id)].Status, rig.Dynamics.Written[("contact", jane.Id)].Error));
    }

    [Fact]
    public async Task A_contact_given_an_account_archives_its_own_xero_contact_and_joins_the_accounts_people()
    {
        var rig = new StepRig();
        var jane = Jane();
        rig.Dynamics.Contacts[jane.Id] = jane;
        await rig.WorkAsync(Individuals, SyncedTables.Contact, jane.Id);
        var own = Assert.Single(rig.Xero.Contacts).ContactID;

        var account = new AccountRow { Id = Guid.NewGuid(), Name = "Doe Ltd", CreatedOn = DateTimeOffset.UnixEpoch };
        rig.Dynamics.Accounts[account.Id] = account;
        rig.Dynamics.Contacts[jane.Id] = Jane(account.Id);
        await rig.WorkAsync(Individuals, SyncedTables.Contact, jane.Id);

        Assert.Contains(new WorkKey("account", account.Id), rig.Store.Queued);
        Assert.Equal("ARCHIVED", rig.Xero.Contacts.Single(c => c.ContactID == own).ContactStatus);
        await rig.WorkAsync(Individuals, SyncedTables.Account, account.Id);

        var active = Assert.Single(rig.Xero.Contacts, c => c.ContactStatus == "ACTIVE");
        Assert.Equal(("Doe Ltd", "Jane"), (active.Name, active.ContactPersons!.Single().FirstName));
        var link = rig.LinkOf(SyncedTables.Contact, jane.Id);
        Assert.Equal((active.ContactID.ToString(), account.Id), (link.XeroId, LinkDetail.Parse(link.Detail).Account));
    }

    [Fact]
    public async Task A_contact_that_leaves_its_account_gets_its_own_xero_contact_back_and_leaves_the_accounts_people()
    {
        var rig = new StepRig();
        var account = new AccountRow { Id = Guid.NewGuid(), Name = "Doe Ltd", CreatedOn = DateTimeOffset.UnixEpoch };
        rig.Dynamics.Accounts[account.Id] = account;
        var jane = Jane(account.Id);
        rig.Dynamics.Contacts[jane.Id] = jane;
        await rig.WorkAsync(Individuals, SyncedTables.Account, account.Id);

        rig.Dynamics.Contacts[jane.Id] = Jane();
        await rig.WorkAsync(Individuals, SyncedTables.Contact, jane.Id);

        Assert.Contains(new WorkKey("account", account.Id), rig.Store.Queued);
        Assert.Single(rig.Xero.Contacts, c => c.Name == "Jane Doe" && c.ContactStatus == "ACTIVE");
        await rig.WorkAsync(Individuals, SyncedTables.Account, account.Id);
        Assert.Empty(rig.Xero.Contacts.Single(c => c.Name == "Doe Ltd").ContactPersons!);
    }

    [Fact]
    public async Task A_deleted_individual_archives_its_xero_contact()
    {
        var rig = new StepRig();
        var jane = Jane();
        rig.Dynamics.Contacts[jane.Id] = jane;
        await rig.WorkAsync(Individuals, SyncedTables.Contact, jane.Id);

        rig.Dynamics.Contacts.Remove(jane.Id);
        await rig.WorkAsync(Individuals, SyncedTables.Contact, jane.Id);

        Assert.Equal("ARCHIVED", Assert.Single(rig.Xero.Contacts).ContactStatus);
    }

    [Fact]
    public async Task An_order_for_an_individual_waits_for_the_contact_then_is_invoiced_to_it()
    {
        var rig = new StepRig();
        var jane = Jane();
        rig.Dynamics.Contacts[jane.Id] = jane;
        var product = Guid.NewGuid();
        await rig.Store.UpsertLinksAsync([new Link { Connection = "test", Table = "product", DynamicsId = product, XeroId = Guid.NewGuid().ToString(), XeroNumber = "P-1", Status = SyncStatus.Synced }], default);
        var order = new SalesOrderRow { Id = Guid.NewGuid(), OrderNumber = "ORD-9", Customer = new EntityRef("contact", jane.Id), CurrencyId = FakeDynamics.Usd, SubmitDate = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), State = SalesOrderState.Active };
        rig.Dynamics.Orders[order.Id] = order;
        rig.Dynamics.Lines.Add(new SalesOrderLineRow { Id = Guid.NewGuid(), OrderId = order.Id, ProductId = product, Quantity = 1, PricePerUnit = 10, BaseAmount = 10, LineItemNumber = 1 });

        Assert.Equal([order.Id], (await rig.WorkAsync(Individuals, SyncedTables.Order, order.Id)).Keys);
        Assert.Contains(new WorkKey("contact", jane.Id), rig.Store.Queued);

        await rig.WorkAsync(Individuals, SyncedTables.Contact, jane.Id);
        Assert.Empty(await rig.WorkAsync(Individuals, SyncedTables.Order, order.Id));

        var invoice = Assert.Single(rig.Xero.Invoices);
        Assert.Equal(Assert.Single(rig.Xero.Contacts).ContactID, invoice.Contact!.ContactID);
    }
}
