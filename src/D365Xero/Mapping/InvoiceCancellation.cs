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
            return InvoiceMapping.Fail(
                "The order is cancelled, but its Xero invoice has a payment applied, so Xero cannot void it. " +
                "Raise a credit note against the invoice in Xero.", []);
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
}
