using System.Globalization;
using System.Text.Json.Nodes;
using D365Xero.Mapping;
using D365Xero.Target.Xero.Model;
using D365Xero.WriteBack;

namespace D365Xero.RoundTrip;

/// <summary>What Xero did with an invoice, as its order shows it (the order's Xero section): pure, from the invoice as read.</summary>
public static class InvoiceLife
{
    /// <summary>Xero's status as Dynamics users read it: Draft, Submitted, Authorised, Paid, Voided or Deleted.</summary>
    public static string StatusLabel(string? status) => status?.ToUpperInvariant() switch
    {
        null or "" => "",
        var s => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s.ToLowerInvariant()),
    };

    /// <summary>The day of the latest payment not deleted, if any.</summary>
    public static DateTimeOffset? LastPaymentOn(XeroInvoice invoice) =>
        invoice.Payments?.Where(p => !IsDeleted(p)).Select(p => p.Date).Where(d => d is not null).Max();

    public static bool IsDeleted(XeroPayment payment) => string.Equals(payment.Status, "DELETED", StringComparison.OrdinalIgnoreCase);

    /// <summary>Approved: the invoice has left draft, so a customer may see it (its online link, its PDF).</summary>
    public static bool IsApproved(string? status) => status?.ToUpperInvariant() is InvoiceStatus.Authorised or InvoiceStatus.Paid;

    /// <summary>The order's read-back columns (by their declared field), as the invoice says; a voided or deleted invoice owes nothing.</summary>
    public static JsonObject Columns(IEnumerable<WriteBackColumn> columns, XeroInvoice invoice, string? onlineUrl)
    {
        var values = new JsonObject();
        foreach (var column in columns)
        {
            JsonNode? value = column.Field switch
            {
                WriteBackField.InvoiceStatus => StatusLabel(invoice.Status),
                WriteBackField.AmountDue => invoice.AmountDue ?? 0m,
                WriteBackField.AmountPaid => invoice.AmountPaid ?? 0m,
                WriteBackField.AmountCredited => invoice.AmountCredited ?? 0m,
                WriteBackField.FullyPaidOn => Day(invoice.FullyPaidOnDate),
                WriteBackField.LastPaymentOn => Day(LastPaymentOn(invoice)),
                WriteBackField.OnlineInvoiceUrl => onlineUrl,
                _ => null,
            };
            if (column.Field.IsReadBack()) values[column.LogicalName] = value;
        }
        return values;
    }

    /// <summary>Xero's dates are days (midnight UTC); written so, they show as that day.</summary>
    private static string? Day(DateTimeOffset? day) => day?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Hash(JsonObject values) => PayloadHash.Of(values.ToJsonString());
}
