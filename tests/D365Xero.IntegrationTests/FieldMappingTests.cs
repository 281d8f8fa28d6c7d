using System.Text.Json.Nodes;
using D365Xero.Source.Dataverse;

namespace D365Xero.IntegrationTests;

/// <summary>
/// The extra field mappings over real HTTP against both emulators (docs/mappings.md#extra-fields): a custom account
/// column arriving as the contact's TaxNumber and a choice column's label as its sales tax type; an empty column
/// leaving Xero's value alone when told to; the item's purchase side; the invoice's theme by name, Reference template
/// and due date; and pre-send validation stopping a value Xero's settings do not allow, with no call spent.
/// </summary>
public sealed class FieldMappingTests
{
    private const int Standard = 727270000, Exempt = 727270001;

    private static void Contacts(Dictionary<string, string?> s)
    {
        s["Dataverse:ColumnPrefix"] = "new";
        s["Mapping:Contact:TaxNumber:Column"] = "account.new_vatnumber";
        s["Mapping:Contact:TaxNumber:KeepWhenEmpty"] = "true";
        s["Mapping:Contact:AccountsReceivableTaxType:Column"] = "account.new_taxclass";
        s["Mapping:Contact:AccountsReceivableTaxType:Values:Standard"] = "OUTPUT";
        s["Mapping:Contact:AccountsReceivableTaxType:Values:Exempt"] = "NONE";
        s["Mapping:Contact:DefaultCurrency:Column"] = "account.new_currencycode";
        s["Mapping:Contact:PaymentTermsDay:Column"] = "account.new_termsday";
        s["Mapping:Contact:PaymentTermsType:Column"] = "account.new_termstype";
        s["Mapping:Contact:PaymentTermsType:Values:Net"] = "DAYSAFTERBILLDATE";
    }

    [Fact]
    public async Task A_custom_account_column_arrives_as_the_tax_number_and_an_emptied_one_keeps_xeros_value()
    {
        await using var h = await SyncHarness.StartAsync(configure: Contacts);
        await AccountColumnsAsync(h);
        var account = await h.AccountAsync("Vat Payer Ltd", new JsonObject
        {
            ["new_vatnumber"] = "GB123456789", ["new_taxclass"] = Exempt, ["new_termsday"] = "14", ["new_termstype"] = "Net",
        });

        await h.SyncOnceAsync();

        var contact = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal(("GB123456789", "NONE"), (contact.Text("TaxNumber"), contact.Text("AccountsReceivableTaxType")));
        Assert.Equal("14 DAYSAFTERBILLDATE", $"{contact["PaymentTerms"]?["Sales"]?["Day"]} {contact["PaymentTerms"]?["Sales"]?["Type"]}");

        // Emptied in Dynamics, with KeepWhenEmpty: left out of the update, so Xero keeps it; the tax class changes.
        await h.Dynamics.UpdateAsync("accounts", account, new JsonObject { ["new_vatnumber"] = null, ["new_taxclass"] = Standard });
        await h.SyncOnceAsync();

        contact = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal(("GB123456789", "OUTPUT"), (contact.Text("TaxNumber"), contact.Text("AccountsReceivableTaxType")));
    }

    [Fact]
    public async Task A_contact_whose_mapped_currency_xero_has_not_enabled_is_stopped_before_xero_and_goes_once_it_is()
    {
        await using var h = await SyncHarness.StartAsync(configure: Contacts);
        await AccountColumnsAsync(h);
        var account = await h.AccountAsync("Sterling Ltd", new JsonObject { ["new_currencycode"] = "GBP" });

        await h.SyncOnceAsync();

        const string message = "Default currency GBP is not enabled in Xero; enabled currencies: USD, EUR.";
        var row = await h.Dynamics.GetAsync("accounts", account);
        Assert.Equal(("Error", message), (row.Text("new_syncstatus"), row.Text("new_syncerror")));
        Assert.Equal(0, await h.Xero.CallsAsync("PUT /Contacts") + await h.Xero.CallsAsync("POST /Contacts"));

        await h.Xero.PutAsync("api.xro/2.0/Currencies", new JsonObject { ["Code"] = "GBP" });
        await h.RestartConnectionAsync();
        await h.SyncOnceAsync();

        Assert.Equal("Synced", (await h.Dynamics.GetAsync("accounts", account)).Text("new_syncstatus"));
        Assert.Equal("GBP", (await h.Xero.ContactOfAccountAsync(account)).Text("DefaultCurrency"));
    }

    [Fact]
    public async Task An_item_takes_its_purchase_account_and_cost_and_a_sales_account_as_purchase_account_is_stopped()
    {
        await using var h = await SyncHarness.StartAsync(configure: s =>
        {
            s["Dataverse:ColumnPrefix"] = "new";
            s["Mapping:Item:PurchaseAccountCode:Column"] = "product.new_purchaseaccount";
            s["Mapping:Item:PurchaseCost:Column"] = "product.standardcost";
        });
        await h.ProvisionAsync();
        var solution = await h.Connection.Dataverse.EnsurePublisherAndSolutionAsync("new");
        await h.Connection.Dataverse.CreateStringColumnAsync("product", "new_PurchaseAccount", "Purchase account", "Xero purchase account", 10, StringColumnFormat.Text, solution.UniqueName);
        await h.Connection.Dataverse.PublishAsync(["product"]);
        var good = await h.ProductAsync("BOLT-1", "Bolt", 2m);
        var bad = await h.ProductAsync("NUT-1", "Nut", 1m);
        await h.Dynamics.UpdateAsync("products", good, new JsonObject { ["new_purchaseaccount"] = "310", ["standardcost"] = 0.75m });
        await h.Dynamics.UpdateAsync("products", bad, new JsonObject { ["new_purchaseaccount"] = "200", ["standardcost"] = 0.5m });

        await h.SyncOnceAsync();

        var item = (await h.Xero.ItemsAsync()).Single(i => i.Text("Code") == "BOLT-1");
        Assert.Equal(("310", 0.75m), (item["PurchaseDetails"]!["AccountCode"]!.GetValue<string>(), item["PurchaseDetails"]!["UnitPrice"]!.GetValue<decimal>()));
        const string message = "Purchase account code 200 (Sales) is not a purchases account in Xero (type REVENUE); active purchases accounts: 310 Cost of Goods Sold, 400 Advertising.";
        var row = await h.ProductRowAsync(bad);
        Assert.Equal(("Error", message), (row.Text("new_syncstatus"), row.Text("new_syncerror")));
        Assert.DoesNotContain(await h.Xero.ItemsAsync(), i => i.Text("Code") == "NUT-1");
    }

    /// <summary>An earlier rule, until now tested on fakes only: an archived sales account stops the item with no call spent.</summary>
    [Fact]
    public async Task An_item_coded_to_an_archived_account_is_stopped_before_xero_naming_the_active_sales_accounts()
    {
        await using var h = await SyncHarness.StartAsync(xeroSeed: "demo", configure: s => { s["Dataverse:ColumnPrefix"] = "new"; s["Sync:SalesAccountCode"] = "205"; });
        await h.ProvisionAsync();
        var product = await h.ProductAsync("GEAR-1", "Gear", 30m);

        await h.SyncOnceAsync();

        var row = await h.ProductRowAsync(product);
        Assert.Equal(("Error", "Account code 205 is archived in Xero; active sales accounts: 200 Sales, 260 Other Revenue."),
            (row.Text("new_syncstatus"), row.Text("new_syncerror")));
        Assert.Equal(0, await h.Xero.CallsAsync("POST /Items") + await h.Xero.CallsAsync("PUT /Items"));
    }

    [Fact]
    public async Task An_invoice_takes_its_theme_by_name_its_reference_template_and_its_due_date_and_an_unknown_theme_is_stopped()
    {
        await using var h = await SyncHarness.StartAsync(configure: s =>
        {
            s["Dataverse:ColumnPrefix"] = "new";
            s["Mapping:Invoice:BrandingTheme:Column"] = "salesorder.new_theme";
            s["Mapping:Invoice:BrandingTheme:Values:Projects"] = "Special Projects";
            s["Mapping:Invoice:BrandingTheme:Values:Gala"] = "Gala Night";
            s["Mapping:Invoice:Reference"] = "{ordernumber} / {new_customerpo}";
            s["Mapping:Invoice:DueDate:Column"] = "salesorder.requestdeliveryby";
        });
        await h.ProvisionAsync();
        var solution = await h.Connection.Dataverse.EnsurePublisherAndSolutionAsync("new");
        await h.Connection.Dataverse.CreateStringColumnAsync("salesorder", "new_Theme", "Theme", "Invoice theme", 50, StringColumnFormat.Text, solution.UniqueName);
        await h.Connection.Dataverse.CreateStringColumnAsync("salesorder", "new_CustomerPO", "Customer PO", "Customer's PO", 50, StringColumnFormat.Text, solution.UniqueName);
        await h.Connection.Dataverse.PublishAsync(["salesorder"]);
        var customer = await h.AccountAsync("Themed Ltd");
        var product = await h.ProductAsync("LAMP-1", "Lamp", 40m);
        var order = await h.OrderAsync(customer, extra: new JsonObject { ["new_theme"] = "Projects", ["new_customerpo"] = "PO-77", ["requestdeliveryby"] = "2031-03-15" });
        await h.LineAsync(order, product, 1m, 40m);
        var unknown = await h.OrderAsync(customer, extra: new JsonObject { ["new_theme"] = "Gala" });
        await h.LineAsync(unknown, product, 1m, 40m);

        await h.SyncOnceAsync();

        var invoice = await InvoiceAsync(h, order);
        var number = (await h.OrderRowAsync(order)).Text("ordernumber");
        // Xero answers dates as /Date(milliseconds)/ (docs/xero-rules.md#x-json-dates).
        var due = $"/Date({new DateTimeOffset(2031, 3, 15, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()}";
        Assert.Equal(("7889a0ac-262a-40e3-8a63-9a769b1a18af", $"{number} / PO-77", due),
            (invoice.Text("BrandingThemeID"), invoice.Text("Reference"), invoice.Text("DueDate")?[..due.Length]));
        var row = await h.OrderRowAsync(unknown);
        Assert.Equal(("Error", "Branding theme Gala Night does not exist in Xero; themes: Standard, Special Projects."), (row.Text("new_syncstatus"), row.Text("new_syncerror")));
        Assert.Single(await h.Xero.SalesInvoicesAsync());
    }

    private static async Task AccountColumnsAsync(SyncHarness h)
    {
        await h.ProvisionAsync();
        var dataverse = h.Connection.Dataverse;
        var solution = await dataverse.EnsurePublisherAndSolutionAsync("new");
        await dataverse.CreateStringColumnAsync("account", "new_VatNumber", "VAT number", "VAT registration number", 50, StringColumnFormat.Text, solution.UniqueName);
        await dataverse.CreatePicklistColumnAsync("account", "new_TaxClass", "Tax class", "How the customer is taxed",
            [new PicklistOption(Standard, "Standard"), new PicklistOption(Exempt, "Exempt")], solution.UniqueName);
        await dataverse.CreateStringColumnAsync("account", "new_CurrencyCode", "Billing currency", "ISO code", 3, StringColumnFormat.Text, solution.UniqueName);
        await dataverse.CreateStringColumnAsync("account", "new_TermsDay", "Terms day", "Payment terms day", 2, StringColumnFormat.Text, solution.UniqueName);
        await dataverse.CreateStringColumnAsync("account", "new_TermsType", "Terms type", "Payment terms type", 20, StringColumnFormat.Text, solution.UniqueName);
        await dataverse.PublishAsync(["account"]);
    }

    private static async Task<JsonObject> InvoiceAsync(SyncHarness h, Guid order) =>
        await h.Xero.InvoiceAsync(Guid.Parse((await h.OrderRowAsync(order)).Text("new_invoiceid")!));
}
