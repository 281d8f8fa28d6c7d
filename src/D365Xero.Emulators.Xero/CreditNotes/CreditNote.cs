using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Contacts;
using D365Xero.Emulators.Xero.Invoices;

namespace D365Xero.Emulators.Xero.CreditNotes;

/// <summary>[SPEC] schema CreditNote, the fields this emulator keeps. Totals, RemainingCredit and Allocations are Xero's (read-only here).</summary>
internal sealed class CreditNote : IBatchElement
{
    public string? Type { get; set; }
    public Guid? CreditNoteID { get; set; }
    public string? CreditNoteNumber { get; set; }
    public string? Reference { get; set; }
    public Contact? Contact { get; set; }
    public string? Date { get; set; }
    public string? DateString { get; set; }
    public string? DueDate { get; set; }
    public string? Status { get; set; }
    public string? LineAmountTypes { get; set; }
    public List<LineItem>? LineItems { get; set; }
    public decimal? SubTotal { get; set; }
    public decimal? TotalTax { get; set; }
    public decimal? Total { get; set; }
    public string? CurrencyCode { get; set; }
    public decimal? CurrencyRate { get; set; }
    public decimal? RemainingCredit { get; set; }
    public List<Allocation>? Allocations { get; set; }
    public List<Invoices.InvoicePayment>? Payments { get; set; }
    public string? FullyPaidOnDate { get; set; }
    public bool? SentToContact { get; set; }
    public Guid? BrandingThemeID { get; set; }
    public string? UpdatedDateUTC { get; set; }
    public bool? HasErrors { get; set; }
    public string? StatusAttributeString { get; set; }
    public List<ValidationError>? ValidationErrors { get; set; }

    public void FlagErrors(bool hasErrors) => HasErrors = hasErrors;
}

/// <summary>[SPEC] schema Allocation: part of a credit note applied to an invoice (Invoice, Amount and Date required).</summary>
internal sealed class Allocation : IBatchElement
{
    public Guid? AllocationID { get; set; }
    public Invoice? Invoice { get; set; }
    public decimal? Amount { get; set; }
    public string? Date { get; set; }
    public bool? IsDeleted { get; set; }
    public string? StatusAttributeString { get; set; }
    public List<ValidationError>? ValidationErrors { get; set; }

    public void FlagErrors(bool hasErrors) { }
}
