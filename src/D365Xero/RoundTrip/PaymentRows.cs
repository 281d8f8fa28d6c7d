using System.Text.Json.Nodes;
using D365Xero.Mapping;
using D365Xero.Target.Xero.Model;
using D365Xero.WriteBack;

namespace D365Xero.RoundTrip;

/// <summary>
/// One row of the connector's payments table per Xero payment applied to an invoice, under its order. Each row's id is derived
/// from the Xero PaymentID, so writing it again (after a crash, or a changed payment) updates the same row. A payment deleted in
/// Xero keeps its row, marked DELETED, so the order's history still shows it was paid and reversed.
/// </summary>
public sealed class PaymentRows(PaymentTable table)
{
    public static Guid RowId(Guid paymentId) => StableId.For($"xero-payment:{paymentId:D}");

    /// <summary>The rows to write (id, values, hash) for what the invoice lists now and what was written before; unchanged rows are left out.</summary>
    public IReadOnlyList<(Guid Id, JsonObject Values, string PaymentId, string Hash)> Changes(
        Guid orderId, XeroInvoice invoice, IReadOnlyDictionary<string, string> written)
    {
        var changes = new List<(Guid, JsonObject, string, string)>();
        var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var payment in invoice.Payments ?? [])
        {
            if (payment.PaymentID is not { } id) continue;
            var key = id.ToString("D");
            listed.Add(key);
            var values = Row(orderId, invoice, payment, InvoiceLife.IsDeleted(payment) ? "DELETED" : "AUTHORISED");
            Add(key, id, values);
        }
        // Xero lists only the payments that stand: one written before and no longer listed was deleted there.
        foreach (var (key, _) in written)
        {
            if (listed.Contains(key) || !Guid.TryParse(key, out var id)) continue;
            Add(key, id, new JsonObject { [table.Status] = "DELETED" });
        }
        return changes;

        void Add(string key, Guid id, JsonObject values)
        {
            var hash = PayloadHash.Of(values.ToJsonString());
            if (written.GetValueOrDefault(key) != hash) changes.Add((RowId(id), values, key, hash));
        }
    }

    private JsonObject Row(Guid orderId, XeroInvoice invoice, XeroPayment payment, string status) =>
        table.Row(orderId, payment.PaymentID!.Value.ToString("D"), DateOnly.FromDateTime((payment.Date ?? DateTimeOffset.MinValue).UtcDateTime),
            payment.Amount ?? 0m, invoice.CurrencyCode ?? "", payment.Reference, status);
}
