namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>
/// The settings every organisation starts with, seeded or not: accounts, tax rates, tracking categories,
/// branding themes and the currencies Xero can enable. Modelled on Xero's "Demo Company (Global)": account
/// 200 Sales carries "Tax on Sales" (OUTPUT) as its default, which Xero applies to a line that names the
/// account and no tax type (docs/xero-rules.md#x-account-default-tax). Each organisation keeps its own
/// copy (<see cref="OrganisationSettings"/>), which tests change through the control API.
/// </summary>
internal static class ReferenceData
{
    public const string OrganisationName = "Demo Company (Global)";
    public const string BaseCurrency = "USD";

    public static readonly IReadOnlyList<Account> Accounts =
    [
        new(Guid.Parse("5040915e-8ce7-4177-8d08-fde416232f18"), "090", "Business Bank Account", "BANK", "NONE", "ASSET"),
        new(Guid.Parse("7d05a53d-613d-4eb2-a2fc-dcb6adb80b80"), "200", "Sales", "REVENUE", "OUTPUT", "REVENUE"),
        new(Guid.Parse("2c8e4f1a-0b3d-4e5f-8a7b-9c0d1e2f3205"), "205", "Sales - Parts", "SALES", "OUTPUT", "REVENUE"),
        new(Guid.Parse("e0a5c2b3-1b5f-4f4b-b5a1-1a4f0f0f5260"), "260", "Other Revenue", "REVENUE", "OUTPUT", "REVENUE"),
        new(Guid.Parse("3b1f7e2c-5f3d-4c1a-9a1e-2d5c6b7a8310"), "310", "Cost of Goods Sold", "DIRECTCOSTS", "INPUT", "EXPENSE"),
        new(Guid.Parse("b1a4e8f2-6c7d-4e3f-8a9b-0c1d2e3f4400"), "400", "Advertising", "EXPENSE", "INPUT", "EXPENSE"),
        new(Guid.Parse("c2b5f9a3-7d8e-4f5a-9b0c-1d2e3f4a5610"), "610", "Accounts Receivable", "CURRENT", "NONE", "ASSET") { SystemAccount = "DEBTORS" },
        new(Guid.Parse("d3c6a0b4-8e9f-4a6b-8c1d-2e3f4a5b6630"), "630", "Inventory", "INVENTORY", "NONE", "ASSET"),
        new(Guid.Parse("e4d7b1c5-9f0a-4b7c-9d2e-3f4a5b6c7800"), "800", "Accounts Payable", "CURRLIAB", "NONE", "LIABILITY") { SystemAccount = "CREDITORS" },
    ];

    /// <summary>Which account classes take each rate: [SPEC] TaxRates example (OUTPUT CanApplyToRevenue, INPUT not); docs/xero-rules.md#x-tax-type-account-class.</summary>
    public static readonly IReadOnlyList<TaxRate> TaxRates =
    [
        new("Tax Exempt", "NONE", 0m),
        new("Tax on Sales", "OUTPUT", 10m) { CanApplyToExpenses = false },
        new("Tax on Purchases", "INPUT", 10m) { CanApplyToRevenue = false },
        new("Exempt Sales", "EXEMPTOUTPUT", 0m) { CanApplyToExpenses = false },
    ];

    public static readonly IReadOnlyList<TrackingCategory> TrackingCategories =
    [
        new(Guid.Parse("351953c4-8127-4009-88c3-f9cd8c9cbe9f"), "Region",
        [
            new(Guid.Parse("ce205173-7387-4651-9726-2cf4c5405ba2"), "Eastside"),
            new(Guid.Parse("6b5a3a4c-7d0c-4d3e-8f38-a3b2f4e1c001"), "North"),
            new(Guid.Parse("0e3a1d7b-5c2f-4a96-b8e4-6f7d9c1a2b02"), "South"),
            new(Guid.Parse("9f8e7d6c-5b4a-4321-8fed-cba987654303"), "West Coast"),
        ]),
        new(Guid.Parse("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"), "Department",
        [
            new(Guid.Parse("b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d01"), "Retail"),
            new(Guid.Parse("c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e02"), "Wholesale"),
            new(Guid.Parse("d3e4f5a6-b7c8-4d9e-8f1a-2b3c4d5e6f03"), "Services"),
        ]),
    ];

    public static readonly IReadOnlyList<BrandingTheme> BrandingThemes =
    [
        new(Guid.Parse("5d4dd402-c851-497e-aae1-9ff265c0d15a"), "Standard", 0),
        new(Guid.Parse("7889a0ac-262a-40e3-8a63-9a769b1a18af"), "Special Projects", 1),
    ];

    /// <summary>Currencies enabled in a fresh organisation. Others are enabled with PUT /Currencies.</summary>
    public static readonly IReadOnlyList<string> InitiallyEnabled = ["USD", "EUR"];

    /// <summary>ISO-4217 codes PUT /Currencies accepts (a subset of [SPEC] CurrencyCode).</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownCurrencies = new Dictionary<string, string>
    {
        ["USD"] = "United States Dollar", ["EUR"] = "Euro", ["GBP"] = "British Pound", ["AUD"] = "Australian Dollar",
        ["NZD"] = "New Zealand Dollar", ["CAD"] = "Canadian Dollar", ["JPY"] = "Japanese Yen", ["CHF"] = "Swiss Franc",
        ["SEK"] = "Swedish Krona", ["DKK"] = "Danish Krone", ["NOK"] = "Norwegian Krone", ["ZAR"] = "South African Rand",
        ["SGD"] = "Singapore Dollar", ["HKD"] = "Hong Kong Dollar", ["INR"] = "Indian Rupee", ["CNY"] = "Chinese Yuan",
        ["MXN"] = "Mexican Peso", ["BRL"] = "Brazilian Real", ["PLN"] = "Polish Zloty",
    };
}
