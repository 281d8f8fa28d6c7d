using System.Globalization;
using System.Text;

namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>
/// GET /Invoices/{id} with Accept: application/pdf: a one-page PDF whose text is the invoice's number, status,
/// contact, dates and amounts, so a changed invoice gives other bytes. Rule: [SPEC] getInvoice
/// "byte array pdf version of specified Invoices"; docs/xero-rules.md#x-invoice-pdf.
/// </summary>
internal static class InvoicePdf
{
    public const string MediaType = "application/pdf";

    public static bool Wanted(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains(MediaType, StringComparison.OrdinalIgnoreCase));

    public static byte[] Render(Invoice invoice)
    {
        string Money(decimal? value) => (value ?? 0).ToString("0.00", CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            $"{ReferenceDataName()} - {(invoice.Type == "ACCPAY" ? "Bill" : "Tax Invoice")}",
            $"Invoice Number: {invoice.InvoiceNumber}",
            $"Status: {invoice.Status}",
            $"To: {invoice.Contact?.Name}",
            $"Reference: {invoice.Reference}",
            $"Date: {invoice.DateString}  Due: {invoice.DueDateString}",
        };
        foreach (var line in invoice.LineItems ?? [])
            lines.Add($"{line.Description}  {line.Quantity?.ToString("0.####", CultureInfo.InvariantCulture)} x {Money(line.UnitAmount)} = {Money(line.LineAmount)}");
        lines.Add($"Subtotal: {Money(invoice.SubTotal)}  Tax: {Money(invoice.TotalTax)}");
        lines.Add($"Total {invoice.CurrencyCode}: {Money(invoice.Total)}");
        lines.Add($"Amount Paid: {Money(invoice.AmountPaid)}  Credited: {Money(invoice.AmountCredited)}");
        lines.Add($"Amount Due: {Money(invoice.AmountDue)}");
        return Pdf(lines);
    }

    private static string ReferenceDataName() => Organisation.ReferenceData.OrganisationName;

    /// <summary>A minimal PDF 1.4: catalog, pages, one page, a Helvetica font and one content stream, with a correct xref table.</summary>
    private static byte[] Pdf(IReadOnlyList<string> lines)
    {
        var content = new StringBuilder("BT /F1 11 Tf 50 800 Td 14 TL\n");
        foreach (var line in lines) content.Append('(').Append(Escape(line)).Append(") Tj T*\n");
        content.Append("ET\n");
        var stream = Encoding.ASCII.GetBytes(content.ToString());
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            $"<< /Length {stream.Length} >>\nstream\n{Encoding.ASCII.GetString(stream)}endstream",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>PDF string literal: backslash, parentheses escaped; anything outside printable ASCII becomes '?'.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '(' or ')') sb.Append('\\').Append(c);
            else sb.Append(c is >= ' ' and <= '~' ? c : '?');
        }
        return sb.ToString();
    }
}
