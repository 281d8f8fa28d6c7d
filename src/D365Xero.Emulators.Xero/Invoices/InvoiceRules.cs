namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>Every rule Xero applies to an invoice write, each with its source.</summary>
internal static class InvoiceRules
{
    public static readonly string[] Types = ["ACCREC", "ACCPAY"];
    public static readonly string[] LineAmountTypeValues = ["Exclusive", "Inclusive", "NoTax"];

    // Rule: [SPEC] PUT /Invoices example error; reference/xero-api.md §1.2.
    public const string ContactNotIdentified =
        "The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber";

    // Rule: agridigital/re-leased help pages quoting Xero; reference/xero-api.md §1.5.
    public const string ContactArchived =
        "The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.";

    // Rule: [SPEC] example with StatusAttributeString ERROR; ACCREC numbers only; reference/xero-api.md §3.2.
    public const string NumberTaken = "Invoice # must be unique.";

    // Rule: [issues] XeroAPI/Xero-NetStandard#79, xero-php-oauth2#257; reference/xero-api.md §3.4.
    public const string InvalidStatusChange = "Invoice not of valid status for modification";

    // Rule: [issues] XeroAPI/Xero-NetStandard#84; reference/xero-api.md §3.5.
    public const string PaymentAllocated = "This document cannot be edited as it has a payment or credit note allocated to it.";

    // Rule: [D-invoices] Type, Contact and LineItems are required for a DRAFT; reference/xero-api.md §3.2.
    public const string TypeRequired = "The Type of the invoice must be specified (ACCREC or ACCPAY).";
    public const string LineItemsRequired = "Invoices must have at least one line item.";

    // Rule: [SPEC] DiscountRate/DiscountAmount are for ACCREC invoices only; reference/xero-api.md §3.3.
    public const string DiscountNotAllowed = "Discounts are only supported on ACCREC invoices.";

    // Rule: [SEC] currencies must be enabled for the organisation; reference/xero-api.md §3.2.
    public static string CurrencyNotEnabled(string code) => $"Organisation is not subscribed to currency {code}";

    public static string ItemNotFound(string code) => $"Item code '{code}' is not valid.";

    public static string ContactNotFound(Guid id) => $"The contact with ContactID {id} could not be found.";

    public static string InvalidLineAmountTypes(string value) => $"LineAmountTypes '{value}' is not valid. Use Exclusive, Inclusive or NoTax.";

    public static string InvalidStatusForCreation(string status) => $"Invoice cannot be created with status {status}.";

    /// <summary>
    /// The status moves POST can make. Rule: Xero support quoted in waynerobinson/xeroizer#48,
    /// [D-invoices]; reference/xero-api.md §3.4. PAID is reached only by payments.
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
