using System.Text.Json.Nodes;
using D365Xero.WriteBack;

namespace D365Xero.RoundTrip;

/// <summary>
/// The invoice's PDF as a note on its order (an <c>annotation</c> with a document: learn.microsoft.com/power-apps/developer/data-platform/annotation-file-data).
/// One note per invoice, its id derived from the InvoiceID: a new version replaces the document in the same note, never a second one.
/// </summary>
public static class InvoicePdfNote
{
    public const string EntitySet = "annotations";

    public static Guid NoteId(Guid invoiceId) => StableId.For($"xero-invoice-pdf:{invoiceId:D}");

    public static JsonObject Values(Guid orderId, string? invoiceNumber, byte[] pdf, DateTimeOffset now)
    {
        var name = string.IsNullOrWhiteSpace(invoiceNumber) ? "Xero invoice" : invoiceNumber;
        return new JsonObject
        {
            ["subject"] = $"Xero invoice {invoiceNumber}".TrimEnd(),
            ["notetext"] = $"The invoice as Xero printed it on {now:yyyy-MM-dd HH:mm} UTC, attached by d365-xero. It is replaced when the invoice changes.",
            ["filename"] = $"{Safe(name)}.pdf",
            ["mimetype"] = "application/pdf",
            ["documentbody"] = Convert.ToBase64String(pdf),
            ["isdocument"] = true,
            ["objectid_salesorder@odata.bind"] = $"/salesorders({orderId:D})",
        };
    }

    private static string Safe(string name) => string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '/' or '\\' ? '-' : c));
}
