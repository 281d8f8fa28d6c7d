using System.Text.Json.Nodes;
using D365Xero.Configuration;
using D365Xero.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace D365Xero.IntegrationTests;

/// <summary>`check` over both emulators: everything passes on a provisioned sandbox, and each fault fails its own line only.</summary>
public sealed class CheckTests
{
    private static readonly string[] AllLines =
    [
        "Dataverse sign-in", "Dataverse WhoAmI",
        "Change tracking: account", "Change tracking: contact", "Change tracking: product", "Change tracking: salesorder", "Change tracking: salesorderdetail",
        "Change-tracking token lifetime",
        "Write-back columns: account", "Write-back columns: contact", "Write-back columns: product", "Write-back columns: salesorder",
        "Xero sign-in", "Xero scopes", "Xero tenant", "Xero organisation",
        "Sync:SalesAccountCode", "Sync:TaxType", "Currencies", "Xero webhooks",
        "Sync:LineAmountTypes", "Sync:AuthoriseWhen", "Sync:RetiredProducts",
    ];

    private static async Task<IReadOnlyList<CheckResult>> CheckAsync(SyncHarness h)
    {
        var results = await new ConnectionCheck(h.Connection).RunAsync(default);
        Assert.Equal(AllLines, results.Select(r => r.Name)); // every line ran, whatever failed before it
        return results;
    }

    private static CheckResult Line(IReadOnlyList<CheckResult> results, string name) => results.Single(r => r.Name == name);

    private static void OnlyFailed(IReadOnlyList<CheckResult> results, params string[] names) =>
        Assert.Equal(names.Order(), results.Where(r => !r.Passed).Select(r => r.Name).Order());

    private static async Task<SyncHarness> ProvisionedAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var h = await SyncHarness.StartAsync(configure: configure);
        await h.ProvisionAsync();
        return h;
    }

    [Fact]
    public async Task Check_passes_every_line_on_a_provisioned_sandbox()
    {
        await using var h = await ProvisionedAsync();

        var results = await CheckAsync(h);

        Assert.All(results, r => Assert.True(r.Passed, $"{r.Name}: {r.Detail}"));
        Assert.Contains("accounting.contacts", Line(results, "Xero scopes").Detail);
        Assert.Contains("Demo Company (Global)", Line(results, "Xero tenant").Detail);
        Assert.Contains("USD", Line(results, "Currencies").Detail);
        Assert.Contains("'200' is Sales", Line(results, "Sync:SalesAccountCode").Detail);
    }

    [Fact]
    public async Task Check_gives_each_mapped_column_and_each_mapped_value_its_own_line()
    {
        await using var h = await ProvisionedAsync(s =>
        {
            s["Mapping:AccountCode:Column"] = "product.parentproductid";
            s["Mapping:AccountCode:Values:Bikes"] = "200";
            s["Mapping:AccountCode:Values:Parts"] = "999";
            s["Mapping:Contact:TaxNumber:Column"] = "account.new_vatnumber";
            s["Mapping:Item:PurchaseAccountCode:Column"] = "product.productnumber";
            s["Mapping:Item:PurchaseAccountCode:Values:Bolt"] = "200";
            s["Mapping:Invoice:BrandingTheme:Column"] = "salesorder.name";
            s["Mapping:Invoice:BrandingTheme:Values:Projects"] = "Special Projects";
        });

        var results = (await new ConnectionCheck(h.Connection).RunAsync(default)).Where(r => r.Name.StartsWith("Mapping", StringComparison.Ordinal)).ToList();

        Assert.Equal(
        [
            "PASS Mapping column product.parentproductid", "FAIL Mapping column account.new_vatnumber: Mapping:Contact:TaxNumber:Column names account.new_vatnumber, which Dynamics does not have",
            "PASS Mapping column product.productnumber", "PASS Mapping column salesorder.name",
            "PASS Mapping:AccountCode:Values:Bikes = 200",
            "FAIL Mapping:AccountCode:Values:Parts = 999: Account code 999 does not exist in Xero; active sales accounts: 200 Sales, 205 Sales - Parts, 260 Other Revenue.",
            "FAIL Mapping:Item:PurchaseAccountCode:Values:Bolt = 200: Purchase account code 200 (Sales) is not a purchases account in Xero (type REVENUE); active purchases accounts: 310 Cost of Goods Sold, 400 Advertising.",
            "PASS Mapping:Invoice:BrandingTheme:Values:Projects = Special Projects",
        ], results.Select(r => r.Passed ? $"PASS {r.Name}" : $"FAIL {r.Name}: {r.Detail}"));
    }

    [Fact]
    public async Task Check_with_a_wrong_dataverse_secret_fails_the_dynamics_lines_and_still_proves_xero()
    {
        await using var h = await SyncHarness.StartAsync(configure: s => s["Dataverse:ClientSecret"] = "wrong");

        var results = await CheckAsync(h);

        var signIn = Line(results, "Dataverse sign-in");
        Assert.False(signIn.Passed);
        Assert.Contains("Dataverse:ClientSecret", signIn.Detail);
        foreach (var dynamics in new[] { "Dataverse WhoAmI", "Change tracking: account", "Write-back columns: salesorder" })
            Assert.Equal((false, "not run: the Dataverse sign-in above failed"), (Line(results, dynamics).Passed, Line(results, dynamics).Detail));
        Assert.Single(results, r => r.Detail.Contains("Dataverse:ClientSecret"));
        Assert.Equal("not run: the Dataverse sign-in above failed", Line(results, "Currencies").Detail); // needs Dynamics' currencies
        foreach (var xero in new[] { "Xero sign-in", "Xero scopes", "Xero tenant", "Xero organisation", "Sync:SalesAccountCode", "Sync:TaxType" })
            Assert.True(Line(results, xero).Passed, xero);
    }

    [Fact]
    public async Task Check_fails_only_the_table_whose_change_tracking_is_off_and_says_how_to_enable_it()
    {
        await using var h = await ProvisionedAsync();
        await h.Dynamics.ControlAsync("changetracking/product/disable");

        var results = await CheckAsync(h);

        OnlyFailed(results, "Change tracking: product");
        var line = Line(results, "Change tracking: product");
        Assert.Contains("change tracking is off on product", line.Detail);
        Assert.Contains("Track changes", line.Fix);
    }

    [Fact]
    public async Task Check_without_provision_fails_each_table_naming_the_missing_columns_and_the_provision_verb()
    {
        await using var h = await SyncHarness.StartAsync();

        var results = await CheckAsync(h);

        OnlyFailed(results, "Write-back columns: account", "Write-back columns: contact", "Write-back columns: product", "Write-back columns: salesorder");
        var account = Line(results, "Write-back columns: account");
        Assert.Contains("xero_contactid", account.Detail);
        Assert.Contains("d365-xero provision", account.Fix);
        Assert.Contains("xero_invoicenumber", Line(results, "Write-back columns: salesorder").Detail);
    }

    [Fact]
    public async Task Check_with_a_wrong_xero_secret_fails_the_xero_lines_and_still_proves_dynamics()
    {
        await using var h = await ProvisionedAsync(s => s["Xero:ClientSecret"] = "wrong");

        var results = await CheckAsync(h);

        var signIn = Line(results, "Xero sign-in");
        Assert.False(signIn.Passed);
        Assert.Contains("Xero:ClientSecret", signIn.Detail);
        // Said once: the lines that need the sign-in are marked not run instead of repeating its error.
        foreach (var xero in new[] { "Xero scopes", "Xero tenant", "Xero organisation", "Sync:SalesAccountCode", "Sync:TaxType", "Currencies" })
            Assert.Equal((false, "not run: the Xero sign-in above failed"), (Line(results, xero).Passed, Line(results, xero).Detail));
        Assert.Single(results, r => r.Detail.Contains("Xero:ClientSecret"));
        foreach (var dynamics in new[] { "Dataverse sign-in", "Dataverse WhoAmI", "Change tracking: salesorderdetail", "Write-back columns: account" })
            Assert.True(Line(results, dynamics).Passed, dynamics);
    }

    [Fact]
    public async Task Check_with_a_wrong_xero_tenant_id_fails_the_tenant_naming_the_connected_organisation()
    {
        var wrong = Guid.NewGuid();
        await using var h = await ProvisionedAsync(s => s["Xero:TenantId"] = wrong.ToString());

        var results = await CheckAsync(h);

        var tenant = Line(results, "Xero tenant");
        Assert.False(tenant.Passed);
        Assert.Contains(wrong.ToString(), tenant.Detail);
        Assert.Contains(h.XeroEmulator.TenantId, tenant.Detail);
        Assert.Contains("Xero:TenantId", tenant.Fix);
        Assert.False(Line(results, "Xero organisation").Passed); // 403 AuthenticationUnsuccessful for that tenant
        Assert.True(Line(results, "Xero sign-in").Passed);
        Assert.True(Line(results, "Xero scopes").Passed);
        Assert.True(Line(results, "Change tracking: account").Passed);
    }

    [Fact]
    public async Task Check_with_the_right_xero_tenant_id_passes_the_tenant()
    {
        await using var h = await ProvisionedAsync(s => s["Xero:TenantId"] = Emulators.Xero.XeroEmulator.FixedTenantId.ToString());

        var results = await CheckAsync(h);

        Assert.True(Line(results, "Xero tenant").Passed);
        Assert.True(Line(results, "Xero organisation").Passed);
    }

    [Fact]
    public async Task Check_fails_a_sales_account_code_that_does_not_exist()
    {
        await using var h = await ProvisionedAsync(s => s["Sync:SalesAccountCode"] = "999");

        var results = await CheckAsync(h);

        OnlyFailed(results, "Sync:SalesAccountCode");
        var line = Line(results, "Sync:SalesAccountCode");
        Assert.Contains("no account with code '999'", line.Detail);
        Assert.Contains("revenue account", line.Fix);
    }

    [Fact]
    public async Task Check_fails_a_sales_account_code_that_is_not_a_revenue_account()
    {
        await using var h = await ProvisionedAsync(s => s["Sync:SalesAccountCode"] = "400");

        var results = await CheckAsync(h);

        OnlyFailed(results, "Sync:SalesAccountCode");
        var line = Line(results, "Sync:SalesAccountCode");
        Assert.Contains("Advertising", line.Detail);
        Assert.Contains("not a revenue account", line.Detail);
    }

    [Fact]
    public async Task Check_passes_a_configured_tax_type_that_exists_and_fails_one_that_does_not()
    {
        await using (var good = await ProvisionedAsync(s => s["Sync:TaxType"] = "OUTPUT"))
        {
            var ok = Line(await CheckAsync(good), "Sync:TaxType");
            Assert.True(ok.Passed, ok.Detail);
            Assert.Contains("Tax on Sales", ok.Detail);
        }

        await using var h = await ProvisionedAsync(s => s["Sync:TaxType"] = "OUTPUT2");
        var results = await CheckAsync(h);

        OnlyFailed(results, "Sync:TaxType");
        var line = Line(results, "Sync:TaxType");
        Assert.Contains("no tax rate with TaxType 'OUTPUT2'", line.Detail);
        Assert.Contains("OUTPUT", line.Fix); // lists the valid ones
    }

    [Fact]
    public async Task Check_fails_a_dynamics_currency_xero_has_not_enabled_naming_it()
    {
        await using var h = await ProvisionedAsync();
        await h.Dynamics.CreateAsync("transactioncurrencies", new JsonObject
        {
            ["isocurrencycode"] = "GBP", ["currencyname"] = "British Pound", ["currencysymbol"] = "£",
            ["exchangerate"] = 0.79m, ["currencyprecision"] = 2,
        });

        var results = await CheckAsync(h);

        OnlyFailed(results, "Currencies");
        var line = Line(results, "Currencies");
        Assert.Contains("Dynamics uses GBP", line.Detail);
        Assert.Contains("orders in GBP would fail", line.Detail);
        Assert.DoesNotContain("Dynamics uses USD", line.Detail);
    }

    [Fact]
    public async Task Check_passes_line_amount_types_given_in_any_case_and_sends_Xero_s_spelling()
    {
        await using var h = await ProvisionedAsync(s => s["Sync:LineAmountTypes"] = "exclusive");

        var results = await CheckAsync(h);

        Assert.All(results, r => Assert.True(r.Passed, $"{r.Name}: {r.Detail}"));
        Assert.Equal("Exclusive", Line(results, "Sync:LineAmountTypes").Detail);
    }

    [Fact]
    public void Invalid_authorise_when_and_retired_products_values_are_refused_before_check_runs_naming_the_key()
    {
        static string Refusal(Dictionary<string, string?> settings) => Assert.Single(Assert.Throws<OptionsValidationException>(
            () => ConnectionSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())).Failures);

        var settings = new Dictionary<string, string?> { ["Sync:AuthoriseWhen"] = "Always" };
        Assert.Equal("invalid setting Sync:AuthoriseWhen = 'Always': allowed values are Never, Fulfilled, Invoiced.", Refusal(settings));
        settings = new Dictionary<string, string?> { ["Connections:0:Sync:RetiredProducts"] = "Archive" };
        Assert.Equal("invalid setting Connections:0:Sync:RetiredProducts = 'Archive': allowed values are Keep, Delete.", Refusal(settings));
    }

    [Fact]
    public async Task Check_fails_the_scopes_when_the_custom_connection_lacks_invoices_naming_what_cannot_be_done()
    {
        await using var h = await ProvisionedAsync();
        await h.Xero.ControlAsync("customconnection/scopes", new JsonObject { ["scopes"] = "accounting.contacts accounting.settings.read" });

        var results = await CheckAsync(h);

        OnlyFailed(results, "Xero scopes");
        var line = Line(results, "Xero scopes");
        Assert.Contains("cannot write invoices", line.Detail);
        Assert.Contains("cannot write items", line.Detail);
        Assert.DoesNotContain("cannot write contacts", line.Detail);
    }

    [Fact]
    public async Task Check_warns_when_delta_links_do_not_outlive_ten_poll_intervals()
    {
        await using var h = await ProvisionedAsync(s => s["Sync:PollInterval"] = "1.00:00:00"); // emulator keeps 7 days

        var results = await CheckAsync(h);

        OnlyFailed(results, "Change-tracking token lifetime");
        var line = Line(results, "Change-tracking token lifetime");
        Assert.Contains("7 day(s)", line.Detail);
        Assert.Contains("Sync:PollInterval", line.Fix);
    }

    [Theory]
    [InlineData("accounting.contacts accounting.invoices accounting.settings.read", true)] // granular minimal set (docs/xero-rules.md#x-scopes)
    [InlineData("offline_access accounting.contacts accounting.transactions accounting.settings", true)] // broad equivalent
    [InlineData("accounting.contacts accounting.transactions accounting.settings.read", false)] // broad: items need accounting.settings
    [InlineData("accounting.contacts accounting.invoices", false)] // cannot read accounts, tax rates, currencies
    public void Check_scope_rules_accept_granular_and_broad_sets(string scopes, bool enough)
    {
        var granted = scopes.Split(' ').ToHashSet();
        Assert.Equal(enough, XeroScopes.Missing(granted).Count == 0);
    }
}
