using System.Globalization;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync.Validation;

/// <summary>
/// Every value an invoice or an item would send, checked against the organisation's settings before it
/// takes a place in a batch. Null when all pass; otherwise each distinct problem, in words. Pure.
/// </summary>
public static class PayloadValidator
{
    public static string? Check(XeroInvoice invoice, XeroSettings settings)
    {
        var problems = new List<string>();
        // docs/xero-rules.md#x-invoice-currency-enabled.
        if (invoice.CurrencyCode is { } currency && !string.Equals(currency, settings.Organisation.BaseCurrency, StringComparison.OrdinalIgnoreCase)
            && !settings.Currencies.Any(c => string.Equals(c.Code, currency, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"Currency {currency} is not enabled in Xero; enabled currencies: {string.Join(", ", settings.Currencies.Select(c => c.Code))}.");
        }
        // docs/xero-rules.md#x-lock-dates: no document dated on or before a lock date.
        if (invoice.Date is { } text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var date))
        {
            var locked = new[] { ("end of year", settings.Organisation.EndOfYearLockDate), ("period", settings.Organisation.PeriodLockDate) }
                .Where(l => l.Item2 is { } at && date.Date <= at.UtcDateTime.Date).Select(l => (l.Item1, l.Item2!.Value)).FirstOrDefault();
            if (locked.Item1 is { } which)
                problems.Add($"Invoice date {date:yyyy-MM-dd} is on or before Xero's {which} lock date ({locked.Item2.UtcDateTime:yyyy-MM-dd}); only dates after it are accepted.");
        }
        // docs/xero-rules.md#x-branding-theme-exists.
        if (invoice.BrandingThemeID is { } theme && settings.BrandingThemes.All(b => b.BrandingThemeID != theme))
            problems.Add($"Branding theme {theme} does not exist in Xero; themes: {string.Join(", ", settings.BrandingThemes.Select(b => $"{b.Name} ({b.BrandingThemeID})"))}.");
        if (invoice.BrandingThemeName is { } name && settings.BrandingTheme(name) is null)
            problems.Add($"Branding theme {name} does not exist in Xero; themes: {List(settings.BrandingThemes.Select(b => b.Name))}.");
        foreach (var line in invoice.LineItems ?? [])
        {
            LineValidator.CheckCoding(problems, line.AccountCode, line.TaxType, settings);
            LineValidator.CheckTracking(problems, line.Tracking, settings);
        }
        return Join(problems);
    }

    public static string? Check(XeroItem item, XeroSettings settings)
    {
        var problems = new List<string>();
        if (item.SalesDetails is { } sales) LineValidator.CheckCoding(problems, sales.AccountCode, sales.TaxType, settings);
        if (item.PurchaseDetails?.AccountCode is { Length: > 0 } purchase) FieldValidator.CheckPurchaseAccount(problems, purchase, settings);
        return Join(problems);
    }

    /// <summary>A contact's mapped fields: its currency enabled, its sales tax type active, its payment terms Xero's (<see cref="FieldValidator"/>).</summary>
    public static string? Check(XeroContact contact, XeroSettings settings)
    {
        var problems = new List<string>();
        FieldValidator.CheckContact(problems, contact, settings);
        return Join(problems);
    }

    /// <summary>The invoice as sent: a branding theme named in the mapping becomes the BrandingThemeID Xero knows it by.</summary>
    public static XeroInvoice Resolve(XeroInvoice invoice, XeroSettings settings) =>
        invoice.BrandingThemeName is { } name && settings.BrandingTheme(name)?.BrandingThemeID is { } id ? invoice with { BrandingThemeID = id } : invoice;

    private static string List(IEnumerable<string?> names) => names.OfType<string>().ToList() is { Count: > 0 } list ? string.Join(", ", list) : "none";

    private static string? Join(List<string> problems) => problems.Count == 0 ? null : string.Join(" ", problems.Distinct());
}
