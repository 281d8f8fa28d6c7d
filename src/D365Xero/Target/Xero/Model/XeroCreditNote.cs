namespace D365Xero.Target.Xero.Model;

/// <summary>
/// Schema <c>CreditNote</c>: an ACCRECCREDIT raised against a customer, allocated to invoices. Inside an
/// invoice's <c>CreditNotes[]</c> only the ids, number, total and the amount applied to that invoice are filled.
/// </summary>
public sealed record XeroCreditNote : IXeroElement
{
    public Guid? CreditNoteID { get; init; }
    public string? CreditNoteNumber { get; init; }
    public string? Type { get; init; }
    public XeroContactRef? Contact { get; init; }
    public string? Date { get; init; }
    public string? Status { get; init; }
    public string? Reference { get; init; }
    public string? CurrencyCode { get; init; }
    public string? LineAmountTypes { get; init; }
    public IReadOnlyList<XeroLineItem>? LineItems { get; init; }
    public decimal? Total { get; init; }
    public decimal? RemainingCredit { get; init; }
    /// <summary>Inside an invoice: the part of this credit note applied to that invoice.</summary>
    public decimal? AppliedAmount { get; init; }
    public IReadOnlyList<XeroAllocation>? Allocations { get; init; }
    public DateTimeOffset? UpdatedDateUTC { get; init; }
    public bool? HasErrors { get; init; }
    public string? StatusAttributeString { get; init; }
    public IReadOnlyList<XeroValidationError>? ValidationErrors { get; init; }
}
