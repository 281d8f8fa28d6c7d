using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync;

/// <summary>
/// Live sales invoices by Reference (compared as written), for matching an order on first sync and finding
/// an orphan: only the fields those read (<see cref="XeroIndexes.IndexEntry"/>). A back-fill of 50,000 orders
/// keeps 50,000 entries of 80 bytes; a <see cref="XeroInvoice"/> is 376 bytes however few of its fields are set.
/// A lookup hands out an invoice made from the entry. Batches run side by side and all read and add here.
/// </summary>
public sealed class XeroInvoiceIndex
{
    private readonly ConcurrentDictionary<string, Entry> _byReference = new(StringComparer.Ordinal);

    public int Count => _byReference.Count;

    /// <summary>The invoice with this Reference, as the index keeps it.</summary>
    public bool TryGetValue(string reference, [MaybeNullWhen(false)] out XeroInvoice invoice)
    {
        invoice = _byReference.TryGetValue(reference, out var entry) ? entry.Invoice(reference) : null;
        return invoice is not null;
    }

    /// <summary>Keeps the first invoice read of a Reference.</summary>
    public bool TryAdd(string reference, XeroInvoice invoice) => _byReference.TryAdd(reference, new Entry(invoice));

    /// <summary>Our own write: what Xero answered replaces what was known of that Reference.</summary>
    public XeroInvoice this[string reference]
    {
        set => _byReference[reference] = new Entry(value);
    }

    private sealed class Entry(XeroInvoice invoice)
    {
        private readonly Guid? _id = invoice.InvoiceID;
        private readonly string? _number = invoice.InvoiceNumber;
        private readonly string? _status = Status(invoice.Status);
        private readonly decimal? _amountPaid = invoice.AmountPaid;

        /// <summary>The Reference is the entry's key, so it is not kept twice.</summary>
        public XeroInvoice Invoice(string reference) => new() { InvoiceID = _id, InvoiceNumber = _number, Reference = reference, Status = _status, AmountPaid = _amountPaid };

        /// <summary>Xero's invoice statuses as one shared string each, not a copy per invoice read from its answers.</summary>
        private static string? Status(string? status) => status switch
        {
            "DRAFT" => "DRAFT",
            "SUBMITTED" => "SUBMITTED",
            "AUTHORISED" => "AUTHORISED",
            "PAID" => "PAID",
            "VOIDED" => "VOIDED",
            "DELETED" => "DELETED",
            _ => status,
        };
    }
}
