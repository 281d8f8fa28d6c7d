namespace D365Xero.Target.Xero.Model;

/// <summary>A Xero invoice (schema <c>Invoice</c>); the connector writes ACCREC only.</summary>
public sealed record XeroInvoice : IXeroElement
{
    public Guid? InvoiceID { get; init; }
    public string? Type { get; init; }
    /// <summary>Only <c>ContactID</c> is sent: other fields would update the contact (docs/xero-rules.md#x-invoice-contact-id-only; secondary source, unverified).</summary>
    public XeroContactRef? Contact { get; init; }
    public string? InvoiceNumber { get; init; }
    public string? Reference { get; init; }
    public string? Date { get; init; }
    public string? DueDate { get; init; }
    public string? CurrencyCode { get; init; }
    public string? Status { get; init; }
    public string? LineAmountTypes { get; init; }
    /// <summary>The invoice template (docs/xero-rules.md#x-branding-theme-exists); null leaves Xero's default.</summary>
    public Guid? BrandingThemeID { get; init; }

    /// <summary>
    /// The theme's name from Mapping:Invoice:BrandingTheme, never sent: pre-send validation checks it against Xero's themes
    /// and sends the <see cref="BrandingThemeID"/> it names. Kept in the payload's hash by the planner.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? BrandingThemeName { get; init; }
    public IReadOnlyList<XeroLineItem>? LineItems { get; init; }

    public decimal? SubTotal { get; init; }
    public decimal? TotalTax { get; init; }
    public decimal? Total { get; init; }
    public decimal? AmountPaid { get; init; }
    public decimal? AmountDue { get; init; }
    public decimal? AmountCredited { get; init; }
    /// <summary>Read-only: the day the last payment or credit settled it (schema <c>Invoice.FullyPaidOnDate</c>).</summary>
    public DateTimeOffset? FullyPaidOnDate { get; init; }
    /// <summary>Read-only: the payments applied (the invoice's life, read back onto its order).</summary>
    public IReadOnlyList<XeroPayment>? Payments { get; init; }
    /// <summary>Read-only: the credit notes allocated, each with the amount applied to this invoice.</summary>
    public IReadOnlyList<XeroCreditNote>? CreditNotes { get; init; }
    public bool? HasErrors { get; init; }
    /// <summary>Read-only; Xero sends it as <c>/Date(…)/</c>.</summary>
    public DateTimeOffset? UpdatedDateUTC { get; init; }
    public string? StatusAttributeString { get; init; }
    public IReadOnlyList<XeroValidationError>? ValidationErrors { get; init; }
}
