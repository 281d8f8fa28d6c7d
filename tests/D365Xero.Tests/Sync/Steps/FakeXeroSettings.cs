using D365Xero.Target.Xero.Model;

namespace D365Xero.Tests.Sync.Steps;

/// <summary>A small organisation's settings, like the emulator's Demo Company (Global): accounts 200/205/260/090, tax rates, Region and Department.</summary>
internal sealed class FakeXeroSettings
{
    public XeroOrganisation Organisation { get; set; } = new() { Name = "Fake", BaseCurrency = "USD" };

    public List<XeroAccount> Accounts { get; set; } =
    [
        new() { Code = "090", Name = "Business Bank Account", Type = "BANK", Class = "ASSET", Status = "ACTIVE", TaxType = "NONE" },
        new() { Code = "200", Name = "Sales", Type = "REVENUE", Class = "REVENUE", Status = "ACTIVE", TaxType = "OUTPUT" },
        new() { Code = "205", Name = "Sales - Parts", Type = "SALES", Class = "REVENUE", Status = "ARCHIVED", TaxType = "OUTPUT" },
        new() { Code = "260", Name = "Other Revenue", Type = "REVENUE", Class = "REVENUE", Status = "ACTIVE", TaxType = "OUTPUT" },
        new() { Code = "400", Name = "Advertising", Type = "EXPENSE", Class = "EXPENSE", Status = "ACTIVE", TaxType = "INPUT" },
    ];

    public List<XeroTaxRate> TaxRates { get; set; } =
    [
        new() { TaxType = "NONE", Name = "Tax Exempt", Status = "ACTIVE", CanApplyToRevenue = true, CanApplyToExpenses = true, CanApplyToAssets = true },
        new() { TaxType = "OUTPUT", Name = "Tax on Sales", Status = "ACTIVE", CanApplyToRevenue = true, CanApplyToExpenses = false },
        new() { TaxType = "INPUT", Name = "Tax on Purchases", Status = "ACTIVE", CanApplyToRevenue = false, CanApplyToExpenses = true },
    ];

    public List<XeroCurrency> Currencies { get; set; } = [new() { Code = "USD" }, new() { Code = "EUR" }];

    public List<XeroTrackingCategory> TrackingCategories { get; set; } =
    [
        new()
        {
            Name = "Region", Status = "ACTIVE",
            Options = [new() { Name = "North", Status = "ACTIVE" }, new() { Name = "South", Status = "ARCHIVED" }, new() { Name = "Eastside", Status = "ACTIVE" }],
        },
        new() { Name = "Department", Status = "ACTIVE", Options = [new() { Name = "Retail", Status = "ACTIVE" }, new() { Name = "Wholesale", Status = "ACTIVE" }] },
    ];

    public List<XeroBrandingTheme> BrandingThemes { get; set; } = [new() { BrandingThemeID = Guid.Parse("5d4dd402-c851-497e-aae1-9ff265c0d15a"), Name = "Standard" }];

    public List<XeroContactGroup> ContactGroups { get; set; } = [];
}
