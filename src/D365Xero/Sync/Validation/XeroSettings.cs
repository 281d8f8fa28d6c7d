using D365Xero.Mapping;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync.Validation;

/// <summary>
/// One organisation's settings as last read: what pre-send validation checks each value against
/// (docs/xero-rules.md#x-reference-data-refresh). Immutable; <see cref="Version"/> changes when any of it does.
/// </summary>
public sealed record XeroSettings
{
    public required XeroOrganisation Organisation { get; init; }
    public required IReadOnlyDictionary<string, XeroAccount> Accounts { get; init; }
    public required IReadOnlyList<XeroTaxRate> TaxRates { get; init; }
    public required IReadOnlyList<XeroCurrency> Currencies { get; init; }
    public required IReadOnlyList<XeroTrackingCategory> TrackingCategories { get; init; }
    public required IReadOnlyList<XeroBrandingTheme> BrandingThemes { get; init; }

    /// <summary>The ACTIVE contact groups; read only when a mapping names one (docs/xero-rules.md#x-contact-groups).</summary>
    public IReadOnlyList<XeroContactGroup> ContactGroups { get; init; } = [];

    /// <summary>A hash of everything above.</summary>
    public string Version => _version ??= PayloadHash.Of(new
    {
        Organisation.PeriodLockDate, Organisation.EndOfYearLockDate, Organisation.BaseCurrency,
        Accounts = Accounts.Values.OrderBy(a => a.Code, StringComparer.Ordinal), TaxRates, Currencies, TrackingCategories, BrandingThemes, ContactGroups,
    });

    private string? _version;

    public static IReadOnlyDictionary<string, XeroAccount> ByCode(IEnumerable<XeroAccount> accounts) => accounts
        .Where(a => a.Code is { Length: > 0 }).GroupBy(a => a.Code!, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    public XeroAccount? Account(string code) => Accounts.GetValueOrDefault(code);

    public XeroTaxRate? TaxRate(string taxType) => TaxRates.FirstOrDefault(t => string.Equals(t.TaxType, taxType, StringComparison.OrdinalIgnoreCase));

    public XeroBrandingTheme? BrandingTheme(string name) =>
        BrandingThemes.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the currency is the base currency or one enabled in the organisation (docs/xero-rules.md#x-invoice-currency-enabled).</summary>
    public bool CurrencyEnabled(string code) => string.Equals(code, Organisation.BaseCurrency, StringComparison.OrdinalIgnoreCase)
        || Currencies.Any(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The active contact group of this name, any case.</summary>
    public XeroContactGroup? ContactGroup(string name) =>
        ContactGroups.FirstOrDefault(g => g.Status is null or "ACTIVE" && string.Equals(g.Name?.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    public XeroTrackingCategory? Category(string name) =>
        TrackingCategories.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
