using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync.Validation;

/// <summary>
/// The values of one sales line (an invoice line, an item's sales details) against the organisation's
/// settings, each problem in words naming the field, the value and what Xero allows. Pure.
/// </summary>
public static class LineValidator
{
    /// <summary>
    /// The account must exist, be ACTIVE and be a revenue account (docs/xero-rules.md#x-account-code-valid,
    /// #x-account-archived; the connector sells, so only revenue accounts are allowed, stricter than Xero);
    /// the tax type, the one sent or else the account's default (docs/xero-rules.md#x-account-default-tax),
    /// must be ACTIVE and fit a revenue account (docs/xero-rules.md#x-tax-type-account-class).
    /// </summary>
    public static void CheckCoding(ICollection<string> problems, string? accountCode, string? taxType, XeroSettings settings)
    {
        XeroAccount? account = null;
        if (accountCode is { Length: > 0 } code)
        {
            account = settings.Account(code);
            var problem = account switch
            {
                null => $"Account code {code} does not exist in Xero",
                { Status: not "ACTIVE" } => $"Account code {code} is {account.Status?.ToLowerInvariant()} in Xero",
                { Class: not "REVENUE" } => $"Account code {code} ({account.Name}) is not a sales account in Xero (type {account.Type})",
                _ => null,
            };
            if (problem is not null)
            {
                problems.Add($"{problem}; active sales accounts: {SalesAccounts(settings)}.");
                // The account's own default tax is moot once the account is wrong.
                account = null;
            }
        }
        var tax = taxType is { Length: > 0 } ? taxType : account?.TaxType;
        if (tax is null) return;
        var rate = settings.TaxRate(tax);
        var from = taxType is { Length: > 0 } ? "Tax type" : $"Account {account!.Code}'s default tax type";
        if (rate is not { Status: "ACTIVE" })
            problems.Add($"{from} {tax} {(rate is null ? "does not exist" : $"is {rate.Status?.ToLowerInvariant()}")} in Xero; active sales tax types: {SalesTaxTypes(settings)}.");
        else if (rate.CanApplyToRevenue == false)
            problems.Add($"{from} {tax} ({rate.Name}) cannot be used on a sales account in Xero; active sales tax types: {SalesTaxTypes(settings)}.");
    }

    /// <summary>Each category and option must exist and be ACTIVE, two at most (docs/xero-rules.md#x-tracking-option-active, #x-tracking-two-categories).</summary>
    public static void CheckTracking(ICollection<string> problems, IReadOnlyList<XeroLineTracking>? tracking, XeroSettings settings)
    {
        foreach (var entry in tracking ?? [])
        {
            var category = settings.Category(entry.Name ?? "");
            if (category is not { Status: "ACTIVE" })
            {
                var active = settings.TrackingCategories.Where(c => c.Status == "ACTIVE").Select(c => c.Name);
                problems.Add($"Tracking category {entry.Name} {(category is null ? "does not exist" : "is archived")} in Xero; active categories: {List(active)}.");
                continue;
            }
            var option = category.Options?.FirstOrDefault(o => string.Equals(o.Name, entry.Option, StringComparison.OrdinalIgnoreCase));
            if (option is { Status: "ACTIVE" }) continue;
            var options = (category.Options ?? []).Where(o => o.Status == "ACTIVE").Select(o => o.Name);
            problems.Add($"{category.Name} option {entry.Option} {(option is null ? "does not exist" : "is archived")} in Xero; active {category.Name} options: {List(options)}.");
        }
    }

    private static string SalesAccounts(XeroSettings settings) =>
        List(settings.Accounts.Values.Where(a => a is { Status: "ACTIVE", Class: "REVENUE" }).OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => $"{a.Code} {a.Name}"));

    internal static string SalesTaxTypes(XeroSettings settings) =>
        List(settings.TaxRates.Where(t => t is { Status: "ACTIVE", CanApplyToRevenue: not false }).Select(t => $"{t.TaxType} ({t.Name})"));

    internal static string List(IEnumerable<string?> names) => names.OfType<string>().ToList() is { Count: > 0 } list ? string.Join(", ", list) : "none";
}
