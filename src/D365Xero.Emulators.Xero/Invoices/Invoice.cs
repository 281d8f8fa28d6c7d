using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Contacts;

namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>[SPEC] schema Invoice, the fields this emulator keeps. Totals and amounts are Xero's (read-only).</summary>
internal sealed class Invoice : IBatchElement
{
    public string? Type { get; set; }
    public Guid? InvoiceID { get; set; }
    public string? InvoiceNumber { get; set; }
    public string? Reference { get; set; }
    public Contact? Contact { get; set; }
    public List<LineItem>? LineItems { get; set; }
    public List<InvoicePayment>? Payments { get; set; }
    public List<InvoiceCreditNote>? CreditNotes { get; set; }
    public string? Date { get; set; }
    public string? DateString { get; set; }
    public string? DueDate { get; set; }
    public string? DueDateString { get; set; }
    public string? LineAmountTypes { get; set; }
    public string? Status { get; set; }
    public string? CurrencyCode { get; set; }
    public decimal? CurrencyRate { get; set; }
    public string? Url { get; set; }
    public bool? SentToContact { get; set; }
    public Guid? BrandingThemeID { get; set; }
    public decimal? SubTotal { get; set; }
    public decimal? TotalTax { get; set; }
    public decimal? Total { get; set; }
    public decimal? TotalDiscount { get; set; }
    public decimal? AmountDue { get; set; }
    public decimal? AmountPaid { get; set; }
    public decimal? AmountCredited { get; set; }
    public string? FullyPaidOnDate { get; set; }
    public bool? IsDiscounted { get; set; }
    public string? UpdatedDateUTC { get; set; }
    public bool? HasErrors { get; set; }
    public string? StatusAttributeString { get; set; }
    public List<ValidationError>? ValidationErrors { get; set; }

    public void FlagErrors(bool hasErrors) => HasErrors = hasErrors;
}
