using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>Individual customers (B2C, Sync:StandaloneContacts=true) over both emulators: invoiced to their own Xero contact, and re-parented later without a duplicate.</summary>
public sealed class IndividualCustomerTests
{
    private static Task<SyncHarness> StartAsync() => SyncHarness.StartAsync(configure: s => s["Sync:StandaloneContacts"] = "true");

    [Fact]
    public async Task An_order_for_a_contact_without_an_account_is_invoiced_to_the_contacts_own_xero_contact()
    {
        await using var h = await StartAsync();
        await h.ProvisionAsync();
        var person = await h.Dynamics.CreateAsync("contacts", new JsonObject { ["firstname"] = "Solo", ["lastname"] = "Buyer", ["emailaddress1"] = "solo@example.com" });
        var product = await h.ProductAsync("B2C-1", "Widget", 5m);
        var order = await h.OrderAsync(person, customerTable: "contact");
        await h.LineAsync(order, product, 2m, 5m);

        await h.SyncOnceAsync(waitForRetries: true);

        var own = await h.Xero.ContactAsync("D365-" + person.ToString("N"));
        Assert.NotNull(own);
        Assert.Equal(("Solo Buyer", "solo@example.com", "ACTIVE"), (own.Text("Name"), own.Text("EmailAddress"), own.Text("ContactStatus")));
        Assert.Equal("Synced", (await h.OrderRowAsync(order)).Text("xero_syncstatus"));
        Assert.Equal(own.Text("ContactID"), (await h.InvoiceOfOrderAsync(order))["Contact"]!.AsObject().Text("ContactID"));
        Assert.Equal("Synced", (await h.Dynamics.GetAsync("contacts", person)).Text("xero_syncstatus"));
    }

    [Fact]
    public async Task A_contact_given_an_account_later_moves_into_the_accounts_people_and_its_own_xero_contact_is_archived()
    {
        await using var h = await StartAsync();
        await h.ProvisionAsync();
        var person = await h.Dynamics.CreateAsync("contacts", new JsonObject { ["firstname"] = "Ada", ["lastname"] = "Moving", ["emailaddress1"] = "ada@example.com" });
        await h.SyncOnceAsync(waitForRetries: true);
        var own = (await h.Xero.ContactAsync("D365-" + person.ToString("N")))!.Text("ContactID");

        var account = await h.AccountAsync("Moving Ltd");
        await h.Dynamics.UpdateAsync("contacts", person, new JsonObject { ["parentcustomerid_account@odata.bind"] = $"/accounts({account})" });
        await h.SyncOnceAsync(waitForRetries: true);

        var contacts = await h.Xero.ContactsAsync();
        Assert.Equal("ARCHIVED", contacts.Single(c => c.Text("ContactID") == own).Text("ContactStatus"));
        var active = contacts.Where(c => c.Text("ContactStatus") == "ACTIVE").ToList();
        var company = Assert.Single(active);
        Assert.Equal("Moving Ltd", company.Text("Name"));
        var people = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal("Ada", people.Items("ContactPersons").Single().Text("FirstName"));
        Assert.Equal("Synced", (await h.Dynamics.GetAsync("contacts", person)).Text("xero_syncstatus"));
    }
}
