using System.Globalization;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>
/// What Xero checks of an invoice against the organisation's settings: each line's account, tax type and
/// tracking, the date against the lock dates, the branding theme. Xero's own words where a public source
/// quotes them; the rest are marked unverified in docs/xero-rules.md.
/// </summary>
internal static class ReferenceRules
{
    // Rule: Xero-NetStandard#364 quotes it for an account a document cannot use; docs/xero-rules.md#x-account-code-valid.
    public static string InvalidAccount(string code) => $"Account code '{code}' is not a valid code for this document.";

    // Rule: unverified (recalled from Xero community answers; Xero-Java#370 reports the refusal without its text); docs/xero-rules.md#x-account-archived.
    public static string ArchivedAccount(string code) =>
        $"Account code '{code}' has been archived, or has been deleted. Each line item must reference a valid account.";

    // Rule: Xero-Java#336 quotes it; docs/xero-rules.md#x-tax-type-account-class.
    public static string InvalidTaxType(string taxType) => $"The TaxType code '{taxType}' does not exist or cannot be used for this type of transaction.";

    // Rule: Xero-Java#336 quotes it; docs/xero-rules.md#x-tax-type-account-class.
    public static string TaxTypeNotForAccount(string taxType, string code) => $"The TaxType code '{taxType}' cannot be used with account code '{code}'.";

    // Rule: the category's wording follows xero-php PR #386's quote ("There is no ACTIVE tracking category with the name ''"); the option's is unverified; docs/xero-rules.md#x-tracking-option-active.
    public static string NoActiveCategory(string name) => $"There is no ACTIVE tracking category with the name '{name}'";

    public static string NoActiveOption(string category, string option) =>
        $"There is no ACTIVE tracking option with the name '{option}' in the tracking category '{category}'";

    // Rule: developer.xero.com/documentation/api/accounting/invoices: up to two tracking categories a line (text unverified); docs/xero-rules.md#x-tracking-two-categories.
    public const string TooManyCategories = "A line item can have at most two tracking categories.";

    // Rule: waynerobinson/xeroizer#92 quotes the end-of-year text; the period lock's is its twin, unverified; docs/xero-rules.md#x-lock-dates.
    public static string BeforeLockDate(string which, DateTime lockDate) =>
        $"The document date cannot be before the {which} lock date, currently set at {lockDate.ToString("dd-MMM-yyyy", CultureInfo.InvariantCulture)}";

    // Rule: unverified wording; developer.xero.com/documentation/api/accounting/brandingthemes; docs/xero-rules.md#x-branding-theme-exists.
    public static string UnknownBrandingTheme(Guid id) => $"Branding theme with ID '{id}' could not be found.";

    public static void CheckLine(List<string> errors, LineItem line, OrganisationSettings settings)
    {
        var account = line.AccountCode is { } code ? settings.AccountByCode(code) : null;
        if (line.AccountCode is { } named)
        {
            // A bank account or one Xero keeps for itself (receivables, payables) cannot take an invoice line.
            if (account is null || account.Type == "BANK" || account.SystemAccount is not null) errors.Add(InvalidAccount(named));
            else if (account.Status != "ACTIVE") errors.Add(ArchivedAccount(named));
        }
        if (line.TaxType is { } tax)
        {
            var rate = settings.TaxRateByType(tax);
            if (rate is null || rate.Status != "ACTIVE") errors.Add(InvalidTaxType(tax));
            else if (account is not null && !rate.AppliesTo(account.Class)) errors.Add(TaxTypeNotForAccount(tax, account.Code));
        }
        CheckTracking(errors, line.Tracking ?? [], settings);
    }

    private static void CheckTracking(List<string> errors, List<LineTracking> tracking, OrganisationSettings settings)
    {
        if (tracking.Count > 2) errors.Add(TooManyCategories);
        foreach (var entry in tracking)
        {
            var category = settings.Category(entry.TrackingCategoryID, entry.Name);
            if (category is not { Status: "ACTIVE" })
            {
                errors.Add(NoActiveCategory(entry.Name ?? entry.TrackingCategoryID?.ToString() ?? ""));
                continue;
            }
            var option = entry.TrackingOptionID is { } id ? category.Options.FirstOrDefault(o => o.TrackingOptionID == id) : category.Option(entry.Option ?? "");
            if (option is not { Status: "ACTIVE" })
            {
                errors.Add(NoActiveOption(category.Name, entry.Option ?? entry.TrackingOptionID?.ToString() ?? ""));
                continue;
            }
            // Xero answers with both the ids and the names.
            entry.TrackingCategoryID = category.TrackingCategoryID;
            entry.TrackingOptionID = option.TrackingOptionID;
            entry.Name = category.Name;
            entry.Option = option.Name;
        }
    }

    public static void CheckHeader(List<string> errors, Invoice invoice, OrganisationSettings settings)
    {
        if (invoice.BrandingThemeID is { } theme && settings.BrandingThemes.All(b => b.BrandingThemeID != theme)) errors.Add(UnknownBrandingTheme(theme));
        if (invoice.Date is null || !Common.XeroDate.TryParse(invoice.Date, out var at)) return;
        var date = at.UtcDateTime.Date;
        if (settings.EndOfYearLockDate is { } year && date <= year) errors.Add(BeforeLockDate("end of year", year));
        else if (settings.PeriodLockDate is { } period && date <= period) errors.Add(BeforeLockDate("period", period));
    }
}
