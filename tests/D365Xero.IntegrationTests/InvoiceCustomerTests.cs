using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>Who an invoice is to: the customer's synced Xero contact, a contact customer's parent account, and orders that must wait or cannot go.</summary>
public sealed class InvoiceCustomerTests
{
    [Fact]
    public async Task Order_for_a_contact_customer_is_invoiced_to_its_parent_accounts_xero_contact()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await h.AccountAsync("Parent Account Ltd");
        var person = await h.Dynamics.CreateAsync("contacts", new JsonObject
        {
            ["firstname"] = "Ola", ["lastname"] = "Buyer", ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
        });
        var product = await h.ProductAsync("CC-1", "Widget", 5m);
        var order = await h.OrderAsync(person, customerTable: "contact");
        await h.LineAsync(order, product, 4m, 5m);

        await h.SyncOnceAsync();

        Assert.Equal("Synced", (await h.OrderRowAsync(order)).Text("xero_syncstatus"));
        var contact = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal(contact.Text("ContactID"), (await h.InvoiceOfOrderAsync(order))["Contact"]!.AsObject().Text("ContactID"));
    }

    [Fact]
    public async Task Order_for_a_contact_without_a_parent_account_says_why_on_its_row()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var person = await h.Dynamics.CreateAsync("contacts", new JsonObject { ["firstname"] = "Solo", ["lastname"] = "Buyer" });
        var product = await h.ProductAsync("CC-2", "Widget", 5m);
        var order = await h.OrderAsync(person, customerTable: "contact");
        await h.LineAsync(order, product, 1m, 5m);

        await h.SyncOnceAsync();

        var row = await h.OrderRowAsync(order);
        Assert.Equal("Error", row.Text("xero_syncstatus"));
        Assert.Contains("without a parent account", row.Text("xero_syncerror"));
        Assert.Null(row.Text("xero_invoiceid"));
        Assert.Empty(await h.Xero.SalesInvoicesAsync());
    }

    [Fact]
    public async Task Order_whose_customer_has_not_reached_xero_waits_and_goes_in_the_same_run()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        await h.SyncOnceAsync(); // change tracking is running
        var customer = await h.AccountAsync("Late Customer");
        var product = await h.ProductAsync("LATE-1", "Late Item", 9m);
        var order = await h.OrderAsync(customer);
        await h.LineAsync(order, product, 1m, 9m);
        // The order's webhook arrives before anything else is read: the order is worked first.
        await h.Store.EnqueueAsync(h.Connection.Name, [new D365Xero.Journal.WorkKey("salesorder", order)], default);
        var runner = new D365Xero.Sync.SyncRunner(h.Connection);
        Assert.True(await runner.WorkOneBatchAsync("salesorder", default));
        Assert.Empty(await h.Xero.SalesInvoicesAsync());

        await h.SyncOnceAsync(waitForRetries: true);

        var row = await h.OrderRowAsync(order);
        Assert.Equal("Synced", row.Text("xero_syncstatus"));
        var invoice = await h.InvoiceOfOrderAsync(order);
        Assert.Equal((await h.Xero.ContactOfAccountAsync(customer)).Text("ContactID"), invoice["Contact"]!.AsObject().Text("ContactID"));
        Assert.Equal("LATE-1", invoice.Items("LineItems").Single().Text("ItemCode"));
    }

    [Fact]
    public async Task Order_whose_customer_xero_refused_says_so_on_its_row()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        await h.AccountAsync("Holder Ltd", new JsonObject { ["accountnumber"] = "DUP-1" });
        await h.SyncOnceAsync();
        var refused = await h.AccountAsync("Refused Ltd", new JsonObject { ["accountnumber"] = "DUP-1" });
        var product = await h.ProductAsync("REF-1", "Thing", 3m);
        var order = await h.OrderAsync(refused);
        await h.LineAsync(order, product, 1m, 3m);

        await h.SyncOnceAsync(waitForRetries: true);

        Assert.Equal("Error", (await h.Dynamics.GetAsync("accounts", refused)).Text("xero_syncstatus"));
        var row = await h.OrderRowAsync(order);
        Assert.Equal("Error", row.Text("xero_syncstatus"));
        Assert.Contains("customer", row.Text("xero_syncerror"));
        Assert.Contains("Account Number already exists", row.Text("xero_syncerror"));
        Assert.Empty(await h.Xero.SalesInvoicesAsync());
    }
}
