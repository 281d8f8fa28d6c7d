using System.Text.RegularExpressions;

namespace D365Xero.Configuration.Mapping;

/// <summary>
/// Extra fields of each order's Xero invoice (<c>Mapping:Invoice</c>), from <c>salesorder</c> columns. Schema <c>Invoice</c>,
/// https://developer.xero.com/documentation/api/accounting/invoices.
/// </summary>
public sealed partial class InvoiceFieldMaps
{
    /// <summary>The invoice's branding theme, by the theme's name in Xero (sent as its BrandingThemeID).</summary>
    public FieldMap BrandingTheme { get; set; } = new();

    /// <summary>DueDate from a date column; empty: the date the payment terms give, as without a mapping.</summary>
    public FieldMap DueDate { get; set; } = new();

    /// <summary>
    /// The Reference, a template of order columns in braces, e.g. <c>{ordernumber} / {new_customerpo}</c>;
    /// null: the order number. It must hold <c>{ordernumber}</c>: the connector tells invoices apart by it.
    /// </summary>
    public string? Reference { get; set; }

    public IEnumerable<(string Name, FieldMap Map)> All => [(nameof(BrandingTheme), BrandingTheme), (nameof(DueDate), DueDate)];

    /// <summary>The columns the <see cref="Reference"/> template names.</summary>
    public IEnumerable<string> ReferenceColumns => Reference is null ? [] : Placeholder().Matches(Reference).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct();

    [GeneratedRegex(@"\{([^{}]*)\}")]
    public static partial Regex Placeholder();
}
