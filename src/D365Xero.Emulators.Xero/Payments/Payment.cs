using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Invoices;

namespace D365Xero.Emulators.Xero.Payments;

/// <summary>[SPEC] schema Payment, the fields this emulator keeps: a payment against an invoice, from or to a bank account.</summary>
internal sealed class Payment : IBatchElement
{
    public Guid? PaymentID { get; set; }
    public Invoice? Invoice { get; set; }
    public string? InvoiceNumber { get; set; }
    public PaymentAccount? Account { get; set; }
    public string? Code { get; set; }
    public string? Date { get; set; }
    public decimal? CurrencyRate { get; set; }
    public decimal? Amount { get; set; }
    public decimal? BankAmount { get; set; }
    public string? Reference { get; set; }
    public bool? IsReconciled { get; set; }
    public string? Status { get; set; }
    public string? PaymentType { get; set; }
    public string? UpdatedDateUTC { get; set; }
    public bool? HasAccount { get; set; }
    public bool? HasValidationErrors { get; set; }
    public string? StatusAttributeString { get; set; }
    public List<ValidationError>? ValidationErrors { get; set; }

    public void FlagErrors(bool hasErrors) => HasValidationErrors = hasErrors;
}

/// <summary>The account of a payment: [SPEC] Account, by AccountID or Code.</summary>
internal sealed class PaymentAccount
{
    public Guid? AccountID { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
}
