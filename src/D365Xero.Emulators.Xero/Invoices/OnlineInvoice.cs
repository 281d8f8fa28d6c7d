using System.Security.Cryptography;
using System.Text;
using D365Xero.Emulators.Xero.Common;

namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>
/// GET /Invoices/{id}/OnlineInvoice: the link a customer opens, one per invoice and stable
/// ({"OnlineInvoices":[{"OnlineInvoiceUrl":"https://in.xero.com/…"}]}). Rule: [SPEC] getOnlineInvoice;
/// sales invoices only, never a DRAFT (Xero's invoice docs, quoted in XeroAPI/xero-node#186); docs/xero-rules.md#x-online-invoice.
/// </summary>
internal static class OnlineInvoice
{
    // Rule: wording unverified; docs/xero-rules.md#x-online-invoice.
    public const string NotForDraft = "An online invoice cannot be retrieved for a DRAFT invoice.";
    public const string NotForBill = "Online invoices are only available for sales invoices (ACCREC).";

    public static ApiReply For(Invoice invoice, DateTimeOffset now)
    {
        var refusal = invoice.Type != "ACCREC" ? NotForBill : invoice.Status == "DRAFT" ? NotForDraft : null;
        if (refusal is not null)
            return ApiReply.Json(400, XeroErrors.Validation([new Dictionary<string, object?>
            {
                ["InvoiceID"] = invoice.InvoiceID,
                ["ValidationErrors"] = new[] { new ValidationError { Message = refusal } },
            }]));
        return ApiReply.Json(200, Envelope.Of("OnlineInvoices", new[] { new Dictionary<string, string> { ["OnlineInvoiceUrl"] = Url(invoice.InvoiceID!.Value) } }, now));
    }

    /// <summary>https://in.xero.com/ and 40 letters and digits derived from the invoice id (Xero's links look so: [SPEC] example).</summary>
    public static string Url(Guid invoiceId)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes("online-invoice:" + invoiceId));
        var token = new StringBuilder(40);
        for (var i = 0; i < 40; i++) token.Append(alphabet[(hash[i % hash.Length] + i * 7) % alphabet.Length]);
        return "https://in.xero.com/" + token;
    }
}
