using D365Xero.Target.Xero.Model;

namespace D365Xero.Mapping;

/// <summary>What a cancelled sales order does to its Xero invoice.</summary>
public static class InvoiceCancellation
{
    /// <summary>
    /// Rule (docs/xero-rules.md#x-invoice-status-transitions; XeroAPI/Xero-NetStandard#79): a DRAFT or SUBMITTED invoice becomes DELETED, an AUTHORISED one with
    /// nothing paid becomes VOIDED; a paid one cannot be voided, so a person must credit it. Only
    /// InvoiceID and Status are sent. An order cancelled before it reached Xero, or whose invoice is
    /// already deleted or voided, needs nothing. The status is never guessed: deleting and voiding
    /// are valid from different states, and the wrong one is refused.
    /// </summary>
    public static InvoiceMapping Map(InvoiceContext context)
    {
        if (context.InvoiceId is not { } invoiceId)
        {
            return InvoiceMapping.Skip("The order was cancelled before it reached Xero; there is nothing to delete or void.");
        }
        var current = context.XeroStatus?.ToUpperInvariant();
        if (context.AmountPaid > 0 || current == InvoiceStatus.Paid)
        {
            if (context.CreditedBy is { } creditNote)
            {
                return InvoiceMapping.Skip($"The order is cancelled; its paid Xero invoice was credited by credit note {creditNote}.");
            }
            if (!context.Options.CreditPaidCancellations)
            {
                return InvoiceMapping.Fail(
                    "The order is cancelled, but its Xero invoice has a payment applied, so Xero cannot void it. " +
                    "Raise a credit note against the invoice in Xero (or set Sync__CreditPaidCancellations=true to have the connector raise it).", []);
            }
            return Credit(invoiceId, context.Current);
        }
        if (current is InvoiceStatus.Deleted or InvoiceStatus.Voided)
        {
            return InvoiceMapping.Skip($"The order is cancelled and its Xero invoice is already {current}.");
        }
        string? status = current switch
        {
            InvoiceStatus.Draft or InvoiceStatus.Submitted => InvoiceStatus.Deleted,
            InvoiceStatus.Authorised => InvoiceStatus.Voided,
            _ => null,
        };
        if (status is null)
        {
            return InvoiceMapping.Fail(
                "The order is cancelled, but the Xero invoice's current status is not known, so it cannot tell deleting from voiding; " +
                "the invoice is read from Xero on the next attempt.", []);
        }
        return InvoiceMapping.Send(new XeroInvoice { InvoiceID = invoiceId, Status = status }, [], []);
    }

    /// <summary>
    /// Rule (docs/xero-rules.md#x-allocation-limits; developer.xero.com/documentation/api/accounting/creditnotes): a paid invoice cannot
    /// be voided, so a cancelled order's invoice is credited: one authorised ACCRECCREDIT for what the invoice still stands for (its
    /// total less what is already credited), tax included, to the same contact in the same currency; what is still due is allocated to
    /// the invoice (a credit note cannot be allocated beyond the amount due), and the paid part stays as credit to refund.
    /// Until the invoice has been read in this pass, the credit waits for it (the caller reads it once for the batch).
    /// </summary>
    private static InvoiceMapping Credit(Guid invoiceId, XeroInvoice? current)
    {
        var pending = InvoiceMapping.Send(new XeroInvoice { InvoiceID = invoiceId }, [], []);
        if (current is null) return pending with { Credit = new InvoiceCredit(null, 0m) };
        var total = (current.Total ?? 0m) - (current.AmountCredited ?? 0m);
        if (total <= 0m || current.Contact?.ContactID is not { } contact)
        {
            return InvoiceMapping.Fail("The order is cancelled and its Xero invoice is paid, but there is nothing left on it to credit.", []);
        }
        var note = new XeroCreditNote
        {
            Type = "ACCRECCREDIT",
            Contact = new XeroContactRef { ContactID = contact },
            Status = InvoiceStatus.Authorised,
            CurrencyCode = current.CurrencyCode,
            Reference = $"Cancelled: {current.Reference ?? current.InvoiceNumber}" is var reference && reference.Length > 255 ? reference[..255] : reference,
            LineAmountTypes = "Inclusive",
            LineItems =
            [
                new XeroLineItem
                {
                    Description = $"Credit for invoice {current.InvoiceNumber}: the order was cancelled in Dynamics.",
                    Quantity = 1m,
                    UnitAmount = total,
                    AccountCode = current.LineItems?.FirstOrDefault(l => l.AccountCode is not null)?.AccountCode,
                },
            ],
        };
        return pending with { Credit = new InvoiceCredit(note, Math.Min(total, current.AmountDue ?? 0m)) };
    }
}
