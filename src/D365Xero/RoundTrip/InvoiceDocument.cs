using D365Xero.Mapping;
using D365Xero.Target.Xero.Model;

namespace D365Xero.RoundTrip;

/// <summary>
/// The invoice as a document a customer receives: its number, dates, lines and totals, and whether it stands or was voided.
/// The PDF on the order is replaced when this changes, not when a payment arrives (payments show in the order's columns and
/// payment rows): reading a PDF is one Xero call per invoice, and 500 invoices paid at once must not cost 500 calls.
/// </summary>
public static class InvoiceDocument
{
    public static string Fingerprint(XeroInvoice invoice) => PayloadHash.Of(new
    {
        invoice.InvoiceNumber,
        invoice.Reference,
        invoice.Date,
        invoice.DueDate,
        invoice.CurrencyCode,
        invoice.Total,
        invoice.TotalTax,
        invoice.BrandingThemeID,
        Voided = invoice.Status is InvoiceStatus.Voided or InvoiceStatus.Deleted,
        Lines = invoice.LineItems?.Select(l => new { l.Description, l.Quantity, l.UnitAmount, l.LineAmount, l.DiscountRate, l.ItemCode }),
    });
}
