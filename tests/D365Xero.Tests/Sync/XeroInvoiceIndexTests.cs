using D365Xero.Sync;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Tests.Sync;

/// <summary>Sales invoices by Reference: what matching and orphan lookups read, the first read kept, our own writes replacing it.</summary>
public sealed class XeroInvoiceIndexTests
{
    private static XeroInvoice Invoice(string reference, string number, string status = "AUTHORISED") => new()
    {
        InvoiceID = Guid.NewGuid(), InvoiceNumber = number, Reference = reference, Status = new string(status.AsSpan()), AmountPaid = 12.5m,
        Type = "ACCREC", Total = 100m, LineItems = [new XeroLineItem { Description = "Bike", Quantity = 1 }],
    };

    [Fact]
    public void A_lookup_gives_the_invoices_id_number_reference_status_and_amount_paid()
    {
        var index = new XeroInvoiceIndex();
        var invoice = Invoice("SO-1", "INV-1", "PAID");
        index.TryAdd("SO-1", invoice);

        Assert.True(index.TryGetValue("SO-1", out var found));

        Assert.Equal(new XeroInvoice
        {
            InvoiceID = invoice.InvoiceID, InvoiceNumber = invoice.InvoiceNumber, Reference = invoice.Reference, Status = invoice.Status, AmountPaid = invoice.AmountPaid,
        }, found);
        Assert.Same("PAID", found!.Status);
        Assert.False(index.TryGetValue("so-1", out _)); // a Reference is compared as written
    }

    [Fact]
    public void The_first_invoice_read_of_a_reference_is_kept_and_our_own_write_replaces_it()
    {
        var index = new XeroInvoiceIndex();
        index.TryAdd("SO-1", Invoice("SO-1", "INV-1"));
        index.TryAdd("SO-1", Invoice("SO-1", "INV-2"));
        Assert.True(index.TryGetValue("SO-1", out var first));
        Assert.Equal("INV-1", first!.InvoiceNumber);

        index["SO-1"] = Invoice("SO-1", "INV-3");

        Assert.True(index.TryGetValue("SO-1", out var written));
        Assert.Equal("INV-3", written!.InvoiceNumber);
        Assert.Equal(1, index.Count);
    }
}
