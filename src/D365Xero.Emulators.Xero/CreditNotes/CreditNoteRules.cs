namespace D365Xero.Emulators.Xero.CreditNotes;

/// <summary>What Xero checks of a credit note and of an allocation, each with its source (docs/xero-rules.md).</summary>
internal static class CreditNoteRules
{
    public static readonly string[] Types = ["ACCRECCREDIT", "ACCPAYCREDIT"];

    // Rule: [SPEC] CreditNote.Type enum; wording unverified; docs/xero-rules.md#x-credit-note-required-fields.
    public const string TypeRequired = "The Type of the credit note must be specified (ACCRECCREDIT or ACCPAYCREDIT).";
    public const string LineItemsRequired = "Credit notes must have at least one line item.";

    // Rule: like an invoice's number (docs/xero-rules.md#x-invoice-number-unique); wording unverified; docs/xero-rules.md#x-credit-note-required-fields.
    public const string NumberTaken = "Credit Note # must be unique.";

    public static string InvalidStatusForCreation(string status) => $"Credit note cannot be created with status {status}.";

    // Rule: Xero's words, quoted in waynerobinson/xeroizer#320; docs/xero-rules.md#x-allocation-limits.
    public const string InvoicePaidOff = "The invoice you are trying to allocate to has already been paid off";
    public const string ExceedsInvoice = "Credit Note cannot be allocated as amount is greater than amount outstanding";
    public const string WrongInvoiceType = "Credit Note cannot be allocated to an incorrect invoice type";

    // Rule: only an AUTHORISED credit note has credit to allocate ([D-creditnotes]); wording unverified; docs/xero-rules.md#x-allocation-limits.
    public const string NotAuthorised = "Only AUTHORISED credit notes can be allocated.";
    public const string InvoiceNotAuthorised = "Credit notes can only be allocated to AUTHORISED invoices.";

    // Rule: the remaining credit bounds an allocation (calcinai/xero-php#251 shows Xero refusing an allocation past it); wording unverified; docs/xero-rules.md#x-allocation-limits.
    public const string ExceedsRemainingCredit = "Credit Note cannot be allocated as amount is greater than the remaining credit";

    // Rule: same contact and currency (help.xero.com: a credit note is allocated to an outstanding invoice of the same contact); wording unverified; docs/xero-rules.md#x-allocation-limits.
    public const string OtherContact = "The credit note and the invoice must be for the same contact.";
    public const string OtherCurrency = "The credit note and the invoice must be in the same currency.";

    public const string AmountRequired = "Allocation amount must be greater than zero.";
    public const string DateRequired = "A valid Date must be specified for the allocation.";
    public const string InvoiceRequired = "Invoice not specified. An InvoiceID is required.";

    public static string InvoiceNotFound(Guid id) => $"Invoice with InvoiceID {id} could not be found.";
}
