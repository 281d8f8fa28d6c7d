using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Organisation;

/// <summary>
/// The organisation's settings and Xero's refusals for an invoice line that uses a value they do not allow
/// (docs/xero-rules.md#x-account-archived, #x-tax-type-account-class, #x-tracking-option-active, #x-lock-dates, #x-branding-theme-exists).
/// </summary>
public sealed class ReferenceRulesTests
{
    private const string Standard = "5d4dd402-c851-497e-aae1-9ff265c0d15a";

    [Fact]
    public async Task A_line_with_an_account_and_no_tax_type_takes_the_accounts_default_tax()
    {
        await using var host = await XeroTestHost.StartAsync();

        var invoice = await host.CreateInvoice(Invoice(new { Description = "Widget", Quantity = 3.0, UnitAmount = 10.0, AccountCode = "200" }));

        Assert.Equal("OUTPUT", invoice["LineItems"]![0]!["TaxType"]!.GetValue<string>());
        Assert.Equal(30m, invoice["SubTotal"]!.GetValue<decimal>());
        Assert.Equal(3m, invoice["TotalTax"]!.GetValue<decimal>());
        Assert.Equal(33m, invoice["Total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Settings_are_read_with_their_statuses_lock_dates_and_themes()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        await Change(host, new { PeriodLockDate = "2026-01-31", EndOfYearLockDate = "2025-12-31" });

        var accounts = (await host.Get("/api.xro/2.0/Accounts")).Body!["Accounts"]!.AsArray();
        var taxRates = (await host.Get("/api.xro/2.0/TaxRates")).Body!["TaxRates"]!.AsArray();
        var active = (await host.Get("/api.xro/2.0/TrackingCategories")).Body!["TrackingCategories"]!.AsArray();
        var all = (await host.Get("/api.xro/2.0/TrackingCategories?includeArchived=true")).Body!["TrackingCategories"]!.AsArray();
        var themes = (await host.Get("/api.xro/2.0/BrandingThemes")).Body!["BrandingThemes"]!.AsArray();
        var org = (await host.Get("/api.xro/2.0/Organisation")).Body!["Organisations"]![0]!;

        Assert.Equal("ARCHIVED", Find(accounts, "Code", "205")["Status"]!.GetValue<string>());
        Assert.False(Find(taxRates, "TaxType", "INPUT")["CanApplyToRevenue"]!.GetValue<bool>());
        Assert.Equal(["Eastside", "North", "West Coast"], Options(Find(active, "Name", "Region")));
        Assert.Equal(["Eastside", "North", "South", "West Coast"], Options(Find(all, "Name", "Region")));
        Assert.Contains(Standard, themes.Select(t => t!["BrandingThemeID"]!.GetValue<string>()));
        Assert.Equal("/Date(1769817600000+0000)/", org["PeriodLockDate"]!.GetValue<string>());
    }

    [Fact]
    public async Task Accounts_read_with_If_Modified_Since_are_only_those_changed_after_it()
    {
        await using var host = await XeroTestHost.StartAsync();
        var since = host.Time.GetUtcNow();
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await Change(host, new { Accounts = new[] { new { Code = "260", Status = "ARCHIVED" } } });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api.xro/2.0/Accounts");
        request.Headers.IfModifiedSince = since;
        var changed = (await Reply.From(await host.Http.SendAsync(request))).Body!["Accounts"]!.AsArray();

        Assert.Equal(["260"], changed.Select(a => a!["Code"]!.GetValue<string>()));
    }

    public static TheoryData<string, object, object> Refusals => new()
    {
        { "archived account", new { }, new { AccountCode = "205" } },
        { "bank account", new { }, new { AccountCode = "090" } },
        { "tax type not for the account", new { }, new { AccountCode = "200", TaxType = "INPUT" } },
        { "deleted tax rate", new { TaxRateStatuses = new Dictionary<string, string> { ["EXEMPTOUTPUT"] = "DELETED" } }, new { AccountCode = "200", TaxType = "EXEMPTOUTPUT" } },
        { "archived option", new { }, new { AccountCode = "200", Tracking = new[] { new { Name = "Region", Option = "South" } } } },
        { "unknown category", new { }, new { AccountCode = "200", Tracking = new[] { new { Name = "Colour", Option = "Red" } } } },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_line_using_a_value_the_organisation_does_not_allow_is_refused_in_Xeros_words(string rule, object change, object line)
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        await Change(host, change);

        var reply = await host.Put("/api.xro/2.0/Invoices", new { Invoices = new[] { Invoice(Line(line)) } });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(rule switch
        {
            "archived account" => "Account code '205' has been archived, or has been deleted. Each line item must reference a valid account.",
            "bank account" => "Account code '090' is not a valid code for this document.",
            "tax type not for the account" => "The TaxType code 'INPUT' cannot be used with account code '200'.",
            "deleted tax rate" => "The TaxType code 'EXEMPTOUTPUT' does not exist or cannot be used for this type of transaction.",
            "archived option" => "There is no ACTIVE tracking option with the name 'South' in the tracking category 'Region'",
            _ => "There is no ACTIVE tracking category with the name 'Colour'",
        }, Assert.Single(reply.Messages()));
    }

    [Fact]
    public async Task Tracking_by_name_is_answered_with_ids_and_names()
    {
        await using var host = await XeroTestHost.StartAsync();

        var invoice = await host.CreateInvoice(Invoice(Line(new
        {
            AccountCode = "200",
            Tracking = new[] { new { Name = "region", Option = "north" }, new { Name = "Department", Option = "Retail" } },
        })));

        var tracking = invoice["LineItems"]![0]!["Tracking"]!.AsArray();
        Assert.Equal(["Region:North", "Department:Retail"], tracking.Select(t => $"{t!["Name"]}:{t["Option"]}"));
        Assert.All(tracking, t => Assert.NotNull(t!["TrackingOptionID"]));
    }

    [Fact]
    public async Task An_invoice_dated_on_or_before_a_lock_date_or_with_an_unknown_theme_is_refused()
    {
        await using var host = await XeroTestHost.StartAsync();
        await Change(host, new { PeriodLockDate = "2026-01-31", EndOfYearLockDate = "2025-12-31" });

        var locked = await host.Put("/api.xro/2.0/Invoices", new { Invoices = new[] { Invoice(Line(new { AccountCode = "200" }), date: "2026-01-31") } });
        var yearLocked = await host.Put("/api.xro/2.0/Invoices", new { Invoices = new[] { Invoice(Line(new { AccountCode = "200" }), date: "2025-06-30") } });
        var theme = Guid.NewGuid();
        var unknownTheme = await host.Put("/api.xro/2.0/Invoices", new { Invoices = new[] { Invoice(Line(new { AccountCode = "200" }), theme: theme) } });
        var open = await host.Put("/api.xro/2.0/Invoices", new { Invoices = new[] { Invoice(Line(new { AccountCode = "200" }), date: "2026-02-01", theme: Guid.Parse(Standard)) } });

        Assert.Equal(["The document date cannot be before the period lock date, currently set at 31-Jan-2026"], locked.Messages());
        Assert.Equal(["The document date cannot be before the end of year lock date, currently set at 31-Dec-2025"], yearLocked.Messages());
        Assert.Equal([$"Branding theme with ID '{theme}' could not be found."], unknownTheme.Messages());
        Assert.Equal(HttpStatusCode.OK, open.Status);
    }

    private static JsonObject Line(object line)
    {
        var node = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(line))!.AsObject();
        node["Description"] = "Widget";
        node["Quantity"] = 1;
        node["UnitAmount"] = 10;
        return node;
    }

    private static object Invoice(object line, string date = "2026-03-02", Guid? theme = null) =>
        new { Type = "ACCREC", Contact = new { Name = "Customer" }, Date = date, BrandingThemeID = theme, LineItems = new[] { line } };

    private static async Task Change(XeroTestHost host, object change)
    {
        var reply = await host.Post("/_emulator/settings", change);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Text);
    }

    private static JsonNode Find(JsonArray list, string key, string value) => list.Single(n => n![key]!.GetValue<string>() == value)!;

    private static List<string> Options(JsonNode category) => category["Options"]!.AsArray().Select(o => o!["Name"]!.GetValue<string>()).ToList();
}
