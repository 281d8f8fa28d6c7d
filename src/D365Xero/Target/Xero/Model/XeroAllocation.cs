namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>Allocation</c>: part of a credit note applied to an invoice (<c>PUT /CreditNotes/{id}/Allocations</c>).</summary>
public sealed record XeroAllocation
{
    public Guid? AllocationID { get; init; }
    public XeroInvoiceRef? Invoice { get; init; }
    public decimal? Amount { get; init; }
    public string? Date { get; init; }
    public bool? IsDeleted { get; init; }
}

/// <summary>An invoice named by its id only.</summary>
public sealed record XeroInvoiceRef(Guid? InvoiceID, string? InvoiceNumber = null);
