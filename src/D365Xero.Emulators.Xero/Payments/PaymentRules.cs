namespace D365Xero.Emulators.Xero.Payments;

/// <summary>What Xero checks of a payment, each with its source (docs/xero-rules.md).</summary>
internal static class PaymentRules
{
    // Rule: Xero's words, quoted in XeroAPI/Xero-Net#257; docs/xero-rules.md#x-payment-authorised-only.
    public const string NotAuthorised = "Payments can only be made against Authorised documents";

    // Rule: Xero's words, quoted in XeroAPI/Xero-Net#257; [SPEC] Payment.Amount "must be less than or equal to the outstanding amount"; docs/xero-rules.md#x-payment-amount.
    public const string ExceedsOutstanding = "Payment amount exceeds the amount outstanding on this document";

    // Rule: [SPEC] Payment.Amount; wording unverified; docs/xero-rules.md#x-payment-amount.
    public const string AmountRequired = "Payment amount must be greater than zero.";

    // Rule: [D-payments] Invoice, Account, Date and Amount are required; wording unverified; docs/xero-rules.md#x-payment-required-fields.
    public const string InvoiceRequired = "Invoice not specified. An InvoiceID or InvoiceNumber is required.";
    public const string DateRequired = "A valid Date must be specified for the payment.";
    public const string AccountRequired = "Account not specified. An AccountID or Code is required.";

    // Rule: [D-payments] the account must be a BANK account or one with payments enabled; wording unverified; docs/xero-rules.md#x-payment-bank-account.
    public static string NotBankAccount(string code) => $"Account '{code}' is not a bank account and does not accept payments.";

    public static string InvoiceNotFound(string key) => $"Invoice '{key}' could not be found.";

    public static string AccountNotFound(string key) => $"Account '{key}' could not be found.";

    // Rule: payments are never edited, only deleted (AUTHORISED or DELETED; XeroAPI/xero-php-oauth2#91); docs/xero-rules.md#x-payment-delete-only.
    public const string OnlyDelete = "Payments can only be deleted: send {\"Status\":\"DELETED\"}.";
    public const string AlreadyDeleted = "This payment has already been deleted.";
}
