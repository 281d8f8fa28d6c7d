using System.Globalization;

namespace D365Xero.Configuration.Mapping;

/// <summary>Checks the <c>Mapping:Contact</c>, <c>Mapping:Item</c> and <c>Mapping:Invoice</c> sections at start: one line per bad entry, naming its key.</summary>
public static class FieldMapRules
{
    /// <summary>Xero's PaymentTermType enum (tests/fixtures/xero-openapi/xero_accounting.yaml, schema PaymentTermType).</summary>
    public static readonly string[] PaymentTermTypes = ["DAYSAFTERBILLDATE", "DAYSAFTERBILLMONTH", "OFCURRENTMONTH", "OFFOLLOWINGMONTH"];

    /// <summary>A contact group's name: Xero's spec gives no limit; 255 is the longest name the connector takes.</summary>
    public const int MaxContactGroupName = 255;

    public static IEnumerable<string> Problems(MappingOptions mapping, string path)
    {
        var problems = new List<string>();
        var contact = $"{path}:Contact";
        var table = MappingOptions.ContactTable;
        MappingRules.Check(problems, mapping.Contact.TaxNumber, $"{contact}:TaxNumber", v => v.Length <= 50, "allowed: a tax number of up to 50 characters", table);
        MappingRules.Check(problems, mapping.Contact.DefaultCurrency, $"{contact}:DefaultCurrency", v => v.Length == 3 && v.All(char.IsAsciiLetter),
            "allowed: a three-letter ISO currency code such as NZD", table);
        var beforeTerms = problems.Count;
        MappingRules.Check(problems, mapping.Contact.PaymentTermsDay, $"{contact}:PaymentTermsDay", v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d <= 31,
            "allowed: a day from 0 to 31", table);
        MappingRules.Check(problems, mapping.Contact.PaymentTermsType, $"{contact}:PaymentTermsType", v => PaymentTermTypes.Contains(v, StringComparer.OrdinalIgnoreCase),
            $"allowed: one of {string.Join(", ", PaymentTermTypes)}", table);
        MappingRules.Check(problems, mapping.Contact.AccountsReceivableTaxType, $"{contact}:AccountsReceivableTaxType", MappingRules.TaxTypeText().IsMatch,
            "allowed: a Xero tax type such as OUTPUT or TAX001 (letters, digits, _)", table);
        if (problems.Count == beforeTerms && (mapping.Contact.PaymentTermsDay.Column is null) != (mapping.Contact.PaymentTermsType.Column is null))
            problems.Add(SettingError.Line($"{contact}:{(mapping.Contact.PaymentTermsDay.Column is null ? "PaymentTermsDay" : "PaymentTermsType")}:Column", null,
                "allowed: an account column; Xero's payment terms need both a day and a type"));
        MappingRules.Check(problems, mapping.Contact.ContactGroup, $"{contact}:ContactGroup", v => v.Length <= MaxContactGroupName,
            $"allowed: the name of a Xero contact group (up to {MaxContactGroupName} characters)", table);

        var item = $"{path}:Item";
        MappingRules.Check(problems, mapping.Item.PurchaseAccountCode, $"{item}:PurchaseAccountCode", v => v.Length <= 10, "allowed: a Xero account code of up to 10 characters", MappingOptions.ItemTable);
        MappingRules.Check(problems, mapping.Item.PurchaseCost, $"{item}:PurchaseCost", v => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var c) && c >= 0,
            "allowed: a cost such as 12.50", MappingOptions.ItemTable);

        var invoice = $"{path}:Invoice";
        MappingRules.Check(problems, mapping.Invoice.BrandingTheme, $"{invoice}:BrandingTheme", v => v.Length <= 255, "allowed: the name of a Xero branding theme", MappingOptions.InvoiceTable);
        MappingRules.Check(problems, mapping.Invoice.DueDate, $"{invoice}:DueDate", v => DateOnly.TryParseExact(v, "yyyy-MM-dd", out _),
            "allowed: a date as yyyy-MM-dd", MappingOptions.InvoiceTable);
        if (mapping.Invoice.Reference is { } template && ReferenceProblem(template) is { } allowed)
            problems.Add(SettingError.Line($"{invoice}:Reference", template, allowed));
        return problems;
    }

    /// <summary>What is wrong with a Reference template, or null.</summary>
    private static string? ReferenceProblem(string template)
    {
        const string allowed = "allowed: order columns in braces with {ordernumber} among them (the connector tells invoices apart by it), e.g. {ordernumber} / {new_customerpo}";
        var stripped = InvoiceFieldMaps.Placeholder().Replace(template, "");
        if (stripped.Contains('{') || stripped.Contains('}')) return allowed;
        var columns = InvoiceFieldMaps.Placeholder().Matches(template).Select(m => m.Groups[1].Value).ToList();
        if (columns.Any(c => !MappingRules.ColumnName().IsMatch(c)) || !columns.Contains("ordernumber")) return allowed;
        return null;
    }
}
