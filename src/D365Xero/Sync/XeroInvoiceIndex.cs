using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync;

/// <summary>
/// Live sales invoices by Reference (compared as written), for matching an order on first sync and finding
/// an orphan: only the fields those read (<see cref="Entry"/>). A back-fill of 50,000 orders
/// keeps 50,000 entries of 80 bytes; a <see cref="XeroInvoice"/> is 376 bytes however few of its fields are set.
/// A lookup hands out an invoice made from the entry.
/// </summary>
public sealed class XeroInvoiceIndex() : SlimIndex<XeroInvoice, XeroInvoiceIndex.Entry>(StringComparer.Ordinal)
{
    protected override Entry Pack(XeroInvoice invoice) => new(invoice);

    /// <summary>The Reference is the entry's key, so it is not kept twice.</summary>
    protected override XeroInvoice Unpack(string reference, Entry entry) => entry.Invoice(reference);

    /// <summary>What is kept of an invoice.</summary>
    public sealed class Entry(XeroInvoice invoice)
    {
        private readonly Guid? _id = invoice.InvoiceID;
        private readonly string? _number = invoice.InvoiceNumber;
        private readonly string? _status = Status(invoice.Status);
        private readonly decimal? _amountPaid = invoice.AmountPaid;

        internal XeroInvoice Invoice(string reference) => new() { InvoiceID = _id, InvoiceNumber = _number, Reference = reference, Status = _status, AmountPaid = _amountPaid };

        /// <summary>Xero's invoice statuses, each kept as one shared string.</summary>
        private static readonly string[] Statuses = ["DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED"];

        private static string? Status(string? status) => SharedStrings.Of(status, Statuses);
    }
}
