namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>A payment as it appears inside an Invoice ([SPEC] getInvoice example: PaymentID, Date, Amount, Reference, CurrencyRate).</summary>
internal sealed class InvoicePayment
{
    public Guid? PaymentID { get; set; }
    public string? Date { get; set; }
    public decimal? Amount { get; set; }
    public string? Reference { get; set; }
    public decimal? CurrencyRate { get; set; }
    public bool? HasAccount { get; set; }
    public bool? HasValidationErrors { get; set; }
}
