using D365Xero.Configuration.Mapping;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync.Validation;

/// <summary>
/// The extra mapped fields (docs/mappings.md#extra-fields) against the organisation's settings, each problem in words
/// naming the field, the value and what Xero allows, in the style of <see cref="LineValidator"/>. An empty value (a
/// field being cleared) is not checked. Pure.
/// </summary>
public static class FieldValidator
{
    /// <summary>Xero's TaxNumber limit (spec Contact.TaxNumber maxLength 50; docs/xero-rules.md#x-contact-field-lengths).</summary>
    public const int MaxTaxNumber = 50;

    /// <summary>
    /// The contact's DefaultCurrency must be enabled (docs/xero-rules.md#x-contact-default-currency); its
    /// AccountsReceivableTaxType an active tax rate that fits sales (docs/xero-rules.md#x-contact-sales-tax-type);
    /// its payment terms a day 0–31 and one of Xero's types (docs/xero-rules.md#x-contact-payment-terms); its contact group one of
    /// Xero's active groups (docs/xero-rules.md#x-contact-groups).
    /// </summary>
    public static void CheckContact(ICollection<string> problems, XeroContact contact, XeroSettings settings)
    {
        if (contact.TaxNumber is { Length: > MaxTaxNumber } number)
            problems.Add($"Tax number {number} is {number.Length} characters long; Xero allows at most {MaxTaxNumber}.");
        if (contact.DefaultCurrency is { Length: > 0 } currency && !settings.CurrencyEnabled(currency))
            problems.Add($"Default currency {currency} is not enabled in Xero; enabled currencies: {Currencies(settings)}.");
        if (contact.AccountsReceivableTaxType is { Length: > 0 } tax)
        {
            var rate = settings.TaxRate(tax);
            if (rate is not { Status: "ACTIVE" })
                problems.Add($"Accounts receivable tax type {tax} {(rate is null ? "does not exist" : $"is {rate.Status?.ToLowerInvariant()}")} in Xero; active sales tax types: {LineValidator.SalesTaxTypes(settings)}.");
            else if (rate.CanApplyToRevenue == false)
                problems.Add($"Accounts receivable tax type {tax} ({rate.Name}) cannot be used on sales in Xero; active sales tax types: {LineValidator.SalesTaxTypes(settings)}.");
        }
        // docs/xero-rules.md#x-contact-groups: the group named must be one of the organisation's active groups.
        if (contact.ContactGroupName is { Length: > 0 } group && settings.ContactGroup(group) is null)
            problems.Add($"Contact group '{group}' does not exist in Xero; its contact groups: {LineValidator.List(settings.ContactGroups.Where(g => g.Status is null or "ACTIVE").Select(g => g.Name).OfType<string>().Order(StringComparer.OrdinalIgnoreCase))}.");
        if (contact.PaymentTerms?.Sales is { } terms)
        {
            if (terms.Day is not (>= 0 and <= 31))
                problems.Add($"Payment terms day {terms.Day} is not one Xero allows; Xero allows a day from 0 to 31.");
            if (!FieldMapRules.PaymentTermTypes.Contains(terms.Type, StringComparer.OrdinalIgnoreCase))
                problems.Add($"Payment terms type {terms.Type} is not one of Xero's; Xero allows {string.Join(", ", FieldMapRules.PaymentTermTypes)}.");
        }
    }

    /// <summary>
    /// An item's purchase account must exist, be ACTIVE and take purchases: an EXPENSE-class account (expense, direct
    /// costs, overheads), as a sales line needs a revenue one (docs/xero-rules.md#x-item-purchase-account).
    /// </summary>
    public static void CheckPurchaseAccount(ICollection<string> problems, string code, XeroSettings settings)
    {
        var account = settings.Account(code);
        var problem = account switch
        {
            null => $"Purchase account code {code} does not exist in Xero",
            { Status: not "ACTIVE" } => $"Purchase account code {code} is {account.Status?.ToLowerInvariant()} in Xero",
            { Class: not "EXPENSE" } => $"Purchase account code {code} ({account.Name}) is not a purchases account in Xero (type {account.Type})",
            _ => null,
        };
        if (problem is not null) problems.Add($"{problem}; active purchases accounts: {PurchaseAccounts(settings)}.");
    }

    private static string PurchaseAccounts(XeroSettings settings) =>
        LineValidator.List(settings.Accounts.Values.Where(a => a is { Status: "ACTIVE", Class: "EXPENSE" }).OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => $"{a.Code} {a.Name}"));

    private static string Currencies(XeroSettings settings) =>
        LineValidator.List(new[] { settings.Organisation.BaseCurrency }.Concat(settings.Currencies.Select(c => c.Code)).Distinct(StringComparer.OrdinalIgnoreCase));
}
