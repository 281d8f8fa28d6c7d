namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>
/// A credit note as it appears inside an Invoice ([SPEC] schema CreditNote: CreditNoteID, CreditNoteNumber, Total,
/// AppliedAmount — the part of this credit note allocated to this invoice — and Date).
/// </summary>
internal sealed class InvoiceCreditNote
{
    public Guid? CreditNoteID { get; set; }
    public string? CreditNoteNumber { get; set; }
    public string? Type { get; set; }
    public string? Status { get; set; }
    public decimal? Total { get; set; }
    public decimal? AppliedAmount { get; set; }
    public string? Date { get; set; }
    public string? DateString { get; set; }
}
