namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>
/// The settings every organisation has, seeded or not: accounts, tax rates and the currencies Xero can enable.
/// Modelled on Xero's "Demo Company (Global)"; account 200's default tax is NONE so tax appears only when a line asks for it.
/// </summary>
internal static class ReferenceData
{
    public const string OrganisationName = "Demo Company (Global)";
    public const string BaseCurrency = "USD";

    public static readonly IReadOnlyList<Account> Accounts =
    [
        new(Guid.Parse("5040915e-8ce7-4177-8d08-fde416232f18"), "090", "Business Bank Account", "BANK", "NONE", "ASSET"),
        new(Guid.Parse("7d05a53d-613d-4eb2-a2fc-dcb6adb80b80"), "200", "Sales", "REVENUE", "NONE", "REVENUE"),
        new(Guid.Parse("e0a5c2b3-1b5f-4f4b-b5a1-1a4f0f0f5260"), "260", "Other Revenue", "REVENUE", "OUTPUT", "REVENUE"),
        new(Guid.Parse("3b1f7e2c-5f3d-4c1a-9a1e-2d5c6b7a8310"), "310", "Cost of Goods Sold", "DIRECTCOSTS", "INPUT", "EXPENSE"),
        new(Guid.Parse("b1a4e8f2-6c7d-4e3f-8a9b-0c1d2e3f4400"), "400", "Advertising", "EXPENSE", "INPUT", "EXPENSE"),
        new(Guid.Parse("c2b5f9a3-7d8e-4f5a-9b0c-1d2e3f4a5610"), "610", "Accounts Receivable", "CURRENT", "NONE", "ASSET"),
        new(Guid.Parse("d3c6a0b4-8e9f-4a6b-8c1d-2e3f4a5b6630"), "630", "Inventory", "INVENTORY", "NONE", "ASSET"),
        new(Guid.Parse("e4d7b1c5-9f0a-4b7c-9d2e-3f4a5b6c7800"), "800", "Accounts Payable", "CURRLIAB", "NONE", "LIABILITY"),
    ];

    public static readonly IReadOnlyList<TaxRate> TaxRates =
    [
        new("Tax Exempt", "NONE", 0m),
        new("Tax on Sales", "OUTPUT", 10m),
        new("Tax on Purchases", "INPUT", 10m),
        new("Exempt Sales", "EXEMPTOUTPUT", 0m),
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

    public static Account? AccountByCode(string code) => Accounts.FirstOrDefault(a => a.Code == code);

    public static TaxRate? TaxRateByType(string taxType) =>
        TaxRates.FirstOrDefault(t => string.Equals(t.TaxType, taxType, StringComparison.OrdinalIgnoreCase));
}
