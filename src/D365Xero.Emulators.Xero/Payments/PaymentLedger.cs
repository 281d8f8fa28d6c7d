using System.Globalization;
using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Invoices;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Payments;

/// <summary>
/// The organisation's payments against invoices. A payment changes its invoice (Payments[], AmountPaid,
/// AmountDue, PAID) and so fires the invoice's UPDATE event: Xero has no payment event
/// (docs/xero-rules.md#x-webhook-events). Not thread-safe: callers hold the organisation's lock.
/// </summary>
internal sealed class PaymentLedger(InvoiceLedger invoices, OrganisationSettings settings)
{
    private readonly List<Payment> _payments = [];
    private readonly Dictionary<Guid, Payment> _byId = [];

    public IReadOnlyList<Payment> All => _payments;

    public Payment? Find(Guid id) => _byId.GetValueOrDefault(id);

    public void Clear()
    {
        _payments.Clear();
        _byId.Clear();
    }

    public BatchOutcome<Payment> Create(Payment input, DateTimeOffset now)
    {
        var errors = new List<string>();
        // Rule: payments are created AUTHORISED; a Status other than that is not a create (docs/xero-rules.md#x-payment-delete-only).
        if (input.Status is { } status && status != "AUTHORISED") errors.Add(PaymentRules.OnlyDelete);
        var invoice = FindInvoice(errors, input);
        var account = FindAccount(errors, input);
        DateTimeOffset date = default;
        if (input.Date is null || !XeroDate.TryParse(input.Date, out date)) errors.Add(PaymentRules.DateRequired);
        if (input.Amount is not > 0) errors.Add(PaymentRules.AmountRequired);
        if (invoice is not null)
        {
            // Rule: docs/xero-rules.md#x-payment-authorised-only; XeroAPI/Xero-Net#257.
            if (invoice.Status != "AUTHORISED") errors.Add(PaymentRules.NotAuthorised);
            // Rule: docs/xero-rules.md#x-payment-amount; XeroAPI/Xero-Net#257.
            else if (input.Amount > invoice.AmountDue) errors.Add(PaymentRules.ExceedsOutstanding);
        }
        if (errors.Count > 0) return new(input, errors);

        var stored = new Payment
        {
            PaymentID = Guid.NewGuid(),
            Date = XeroDate.Format(date.UtcDateTime.Date),
            Amount = input.Amount,
            BankAmount = input.Amount,
            Reference = input.Reference ?? "",
            CurrencyRate = input.CurrencyRate ?? invoice!.CurrencyRate ?? 1m,
            IsReconciled = input.IsReconciled ?? false,
            Status = "AUTHORISED",
            PaymentType = invoice!.Type == "ACCPAY" ? "ACCPAYPAYMENT" : "ACCRECPAYMENT",
            UpdatedDateUTC = XeroDate.Format(now),
            HasAccount = true,
            Account = new PaymentAccount { AccountID = account!.AccountID, Code = account.Code, Name = account.Name },
            Invoice = InvoiceRef(invoice),
        };
        _payments.Add(stored);
        _byId[stored.PaymentID.Value] = stored;
        invoice.Payments ??= [];
        invoice.Payments.Add(new InvoicePayment
        {
            PaymentID = stored.PaymentID, Date = stored.Date, Amount = stored.Amount, Reference = stored.Reference,
            CurrencyRate = stored.CurrencyRate, HasAccount = false, HasValidationErrors = false,
        });
        invoices.Settle(invoice, now, [stored.Date]);
        stored.Invoice = InvoiceRef(invoice);
        return BatchOutcome<Payment>.Saved(XeroJson.Clone(stored));
    }

    /// <summary>
    /// POST /Payments/{id} {"Status":"DELETED"}: the payment stays, DELETED; it leaves its invoice's Payments[],
    /// whose amounts are settled again (PAID back to AUTHORISED). Rule: [SPEC] deletePayment;
    /// docs/xero-rules.md#x-payment-delete-only; XeroAPI/xero-php-oauth2#91.
    /// </summary>
    public BatchOutcome<Payment> Delete(Payment stored, Payment patch, DateTimeOffset now)
    {
        if (patch.Status != "DELETED") return new(patch, [PaymentRules.OnlyDelete]);
        if (stored.Status == "DELETED") return new(patch, [PaymentRules.AlreadyDeleted]);
        stored.Status = "DELETED";
        stored.UpdatedDateUTC = XeroDate.Format(now);
        if (stored.Invoice?.InvoiceID is { } id && invoices.Find(id) is { } invoice)
        {
            invoice.Payments?.RemoveAll(p => p.PaymentID == stored.PaymentID);
            invoices.Settle(invoice, now, []);
            stored.Invoice = InvoiceRef(invoice);
        }
        return BatchOutcome<Payment>.Saved(XeroJson.Clone(stored));
    }

    private Invoice? FindInvoice(List<string> errors, Payment input)
    {
        var id = input.Invoice?.InvoiceID;
        var number = input.Invoice?.InvoiceNumber ?? input.InvoiceNumber;
        if (id is null && string.IsNullOrEmpty(number))
        {
            errors.Add(PaymentRules.InvoiceRequired);
            return null;
        }
        var found = id is { } g ? invoices.Find(g) : invoices.FindByNumber(number!);
        if (found is null) errors.Add(PaymentRules.InvoiceNotFound(id?.ToString() ?? number!));
        return found;
    }

    private Account? FindAccount(List<string> errors, Payment input)
    {
        var id = input.Account?.AccountID;
        var code = input.Account?.Code ?? input.Code;
        if (id is null && string.IsNullOrEmpty(code))
        {
            errors.Add(PaymentRules.AccountRequired);
            return null;
        }
        var found = id is { } g ? settings.Accounts.FirstOrDefault(a => a.AccountID == g) : settings.AccountByCode(code!);
        if (found is null)
        {
            errors.Add(PaymentRules.AccountNotFound(id?.ToString() ?? code!));
            return null;
        }
        // Rule: docs/xero-rules.md#x-payment-bank-account; developer.xero.com/documentation/api/accounting/payments.
        if (found.Type != "BANK" || found.Status != "ACTIVE") errors.Add(PaymentRules.NotBankAccount(found.Code));
        return found;
    }

    private static Invoice InvoiceRef(Invoice invoice) => new()
    {
        Type = invoice.Type, InvoiceID = invoice.InvoiceID, InvoiceNumber = invoice.InvoiceNumber, Status = invoice.Status,
        CurrencyCode = invoice.CurrencyCode, AmountDue = invoice.AmountDue, AmountPaid = invoice.AmountPaid,
        Contact = invoice.Contact is { } c ? new Contacts.Contact { ContactID = c.ContactID, Name = c.Name } : null,
    };

    public static string Today(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
