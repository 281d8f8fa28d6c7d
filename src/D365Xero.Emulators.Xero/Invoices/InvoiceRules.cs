namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>Every rule Xero applies to an invoice write, each with its source.</summary>
internal static class InvoiceRules
{
    public static readonly string[] Types = ["ACCREC", "ACCPAY"];
    public static readonly string[] LineAmountTypeValues = ["Exclusive", "Inclusive", "NoTax"];

    // Rule: [SPEC] PUT /Invoices example error; docs/xero-rules.md#x-invoice-contact-identified; developer.xero.com/documentation/api/invoices.
    public const string ContactNotIdentified =
        "The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber";

    // Rule: agridigital/re-leased help pages quoting Xero; docs/xero-rules.md#x-invoice-archived-contact-refused; help.xero.com/uk/Contacts-Archive.
    public const string ContactArchived =
        "The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.";

    // Rule: [SPEC] example with StatusAttributeString ERROR; ACCREC numbers only; docs/xero-rules.md#x-invoice-number-unique; developer.xero.com/documentation/api/invoices.
    public const string NumberTaken = "Invoice # must be unique.";

    // Rule: [issues] XeroAPI/Xero-NetStandard#79, xero-php-oauth2#257; docs/xero-rules.md#x-invoice-status-transitions.
    public const string InvalidStatusChange = "Invoice not of valid status for modification";

    // Rule: [issues] XeroAPI/Xero-NetStandard#84; docs/xero-rules.md#x-invoice-edit-lock.
    public const string PaymentAllocated = "This document cannot be edited as it has a payment or credit note allocated to it.";

    // Rule: [D-invoices] Type, Contact and LineItems are required for a DRAFT; docs/xero-rules.md#x-invoice-required-fields; developer.xero.com/documentation/api/invoices.
    public const string TypeRequired = "The Type of the invoice must be specified (ACCREC or ACCPAY).";
    public const string LineItemsRequired = "Invoices must have at least one line item.";

    // Rule: [SPEC] DiscountRate/DiscountAmount are for ACCREC invoices only; docs/xero-rules.md#x-invoice-line-discount-accrec; developer.xero.com/documentation/api/invoices.
    public const string DiscountNotAllowed = "Discounts are only supported on ACCREC invoices.";

    // Rule: [SEC] currencies must be enabled for the organisation; docs/xero-rules.md#x-invoice-currency-enabled; developer.xero.com/documentation/api/invoices.
    public static string CurrencyNotEnabled(string code) => $"Organisation is not subscribed to currency {code}";

    public static string ItemNotFound(string code) => $"Item code '{code}' is not valid.";

    public static string ContactNotFound(Guid id) => $"The contact with ContactID {id} could not be found.";

    public static string InvalidLineAmountTypes(string value) => $"LineAmountTypes '{value}' is not valid. Use Exclusive, Inclusive or NoTax.";

    public static string InvalidStatusForCreation(string status) => $"Invoice cannot be created with status {status}.";

    /// <summary>
    /// The status moves POST can make. Rule: Xero support quoted in waynerobinson/xeroizer#48,
    /// [D-invoices]; docs/xero-rules.md#x-invoice-status-transitions; XeroAPI/Xero-NetStandard#79. PAID is reached only by payments.
    /// </summary>
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        ("DRAFT", "SUBMITTED" or "AUTHORISED" or "DELETED") => true,
        ("SUBMITTED", "DRAFT" or "AUTHORISED" or "DELETED") => true,
        ("AUTHORISED", "VOIDED") => true,
        _ => false,
    };

    /// <summary>Statuses an invoice may be created in ([SPEC] Status enum minus the terminal and payment-driven ones).</summary>
    public static bool CanCreateIn(string status) => status is "DRAFT" or "SUBMITTED" or "AUTHORISED";
}
