using System.Text.Json.Nodes;
using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Source.Dataverse;
using D365Xero.Sync;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;
using D365Xero.WriteBack;
using Microsoft.Extensions.Logging;

namespace D365Xero.RoundTrip;

/// <summary>
/// Reads back the invoices Xero said changed (<see cref="XeroEventQueues.Invoice"/>), 100 a call, and writes their life onto the
/// orders they came from: the status and amounts columns (UpdateMultiple, only orders whose columns change), a row per payment,
/// the online invoice link once approved, the PDF as a note when the document changes, and, when configured, a paid order fulfilled.
/// Only invoices the connector created (linked to an order) are read; others are dropped without a call.
/// </summary>
/// <remarks>
/// Where work may run twice, and why that is harmless: every write is keyed (the order's columns by the order, each payment row
/// and the PDF note by an id derived from Xero's), and the link's memory is saved after the writes: a crash between them writes
/// the same values again.
/// </remarks>
public sealed class InvoiceReadBack(SyncConnection c)
{
    private readonly PaymentRows _payments = new(PaymentTable.For(c.Columns.Prefix));
    private readonly PaymentTable _paymentTable = new(c.Columns.Prefix);

    /// <summary>Reads back one batch of the invoices Xero said changed.</summary>
    public async Task WorkAsync(IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        var order = SyncedTables.Order.Name;
        var links = await c.Store.GetLinksByXeroIdsAsync(c.Name, order, items.Select(i => i.DynamicsId.ToString("D")).ToList(), ct);
        if (links.Count == 0) return;
        var invoices = await c.Xero.GetInvoicesByIdsAsync(links.Keys.Select(Guid.Parse).ToList(), ct);
        await ApplyAsync(invoices, links, ct);
    }

    /// <summary>Writes what the invoices say onto their orders (the poll hands its invoices here too: no second read).</summary>
    public async Task ApplyAsync(IReadOnlyList<XeroInvoice> invoices, IReadOnlyDictionary<string, Link> links, CancellationToken ct)
    {
        var columns = c.Columns.For(SyncedTables.Order.Name).Where(col => col.Field.IsReadBack()).ToList();
        var updates = new List<(Guid, JsonObject)>();
        var remembered = new List<Link>();
        foreach (var invoice in invoices)
        {
            if (invoice.InvoiceID is not { } invoiceId || !links.TryGetValue(invoiceId.ToString("D"), out var link)) continue;
            var detail = LinkDetail.Parse(link.Detail);
            var life = detail.Life ?? new OrderLifeMemory();
            var orderId = link.DynamicsId;

            var onlineUrl = life.OnlineUrl;
            if (onlineUrl is null && InvoiceLife.IsApproved(invoice.Status) && columns.Any(col => col.Field == WriteBackField.OnlineInvoiceUrl))
            {
                onlineUrl = await c.Xero.GetOnlineInvoiceUrlAsync(invoiceId, ct);
            }

            var values = InvoiceLife.Columns(columns, invoice, onlineUrl);
            var hash = InvoiceLife.Hash(values);
            if (hash != life.ColumnsHash) updates.Add((orderId, values));

            var payments = new Dictionary<string, string>(life.Payments ?? [], StringComparer.OrdinalIgnoreCase);
            foreach (var (rowId, row, paymentId, rowHash) in _payments.Changes(orderId, invoice, payments))
            {
                if (!await TryAsync("a payment row", orderId, () => c.Dataverse.UpsertAsync(_paymentTable.EntitySet, rowId, row, ct))) continue;
                payments[paymentId] = rowHash;
            }

            var pdfOf = life.PdfOf;
            if (c.Options.AttachInvoicePdf && InvoiceLife.IsApproved(invoice.Status) && InvoiceDocument.Fingerprint(invoice) is var fingerprint && fingerprint != pdfOf)
            {
                if (await c.Xero.GetInvoicePdfAsync(invoiceId, ct) is { } pdf
                    && await TryAsync("the invoice PDF note", orderId, () => c.Dataverse.UpsertAsync(InvoicePdfNote.EntitySet, InvoicePdfNote.NoteId(invoiceId),
                        InvoicePdfNote.Values(orderId, invoice.InvoiceNumber, pdf, c.Time.GetUtcNow()), ct)))
                {
                    pdfOf = fingerprint;
                }
            }

            var fulfilled = life.Fulfilled;
            if (c.Options.FulfilWhenPaid && fulfilled != true && string.Equals(invoice.Status, Mapping.InvoiceStatus.Paid, StringComparison.OrdinalIgnoreCase))
            {
                await FulfilAsync(orderId, invoice, updates, ct);
                fulfilled = true; // once: an order Dynamics refuses to fulfil (closed by a person meanwhile) is left as it is
            }

            remembered.Add(link with
            {
                // The columns' hash is kept only once they are written (below): an order that refused them is written again next time.
                Detail = (detail with
                {
                    XeroStatus = invoice.Status,
                    AmountPaid = invoice.AmountPaid,
                    XeroUpdated = invoice.UpdatedDateUTC,
                    Life = life with { ColumnsHash = hash, Payments = payments.Count == 0 ? null : payments, PdfOf = pdfOf, OnlineUrl = onlineUrl, Fulfilled = fulfilled },
                }).ToJson(),
            });
        }
        var refused = await WriteColumnsAsync(updates, ct);
        await c.Store.UpsertLinksAsync(remembered.Select(link => refused.Contains(link.DynamicsId) ? Forget(link) : link), ct);
    }

    private static Link Forget(Link link)
    {
        var detail = LinkDetail.Parse(link.Detail);
        return link with { Detail = (detail with { Life = detail.Life! with { ColumnsHash = null } }).ToJson() };
    }

    /// <summary>
    /// A write Dynamics refuses for one order (a row of a table not provisioned yet, a note larger than the organisation allows) is that
    /// order's: logged, left for the invoice's next change, and the other orders go on. A transient failure stops the batch (retried).
    /// </summary>
    private async Task<bool> TryAsync(string what, Guid orderId, Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (RemoteApiException e) when (e.Kind == ErrorKind.Permanent)
        {
            c.Log.LogWarning("Dynamics refused {What} for order {Order}: {Reason}", what, orderId, e.Message);
            return false;
        }
    }

    /// <summary>
    /// A paid order moves to Fulfilled through Dynamics' own action; its columns are written first, since a closed order may refuse
    /// later changes. An order already closed (fulfilled or cancelled by a person) is left as it is.
    /// </summary>
    private async Task FulfilAsync(Guid orderId, XeroInvoice invoice, List<(Guid, JsonObject)> updates, CancellationToken ct)
    {
        var pending = updates.FindIndex(u => u.Item1 == orderId);
        if (pending >= 0)
        {
            await WriteColumnsAsync([updates[pending]], ct);
            updates.RemoveAt(pending);
        }
        try
        {
            await c.Dataverse.FulfillSalesOrderAsync(orderId, $"Paid in full in Xero ({invoice.InvoiceNumber})", cancellationToken: ct);
        }
        catch (RemoteApiException e) when (e.Kind == ErrorKind.Permanent)
        {
            c.Log.LogInformation("Order {Order} was not fulfilled after its invoice {Invoice} was paid: {Reason}", orderId, invoice.InvoiceNumber, e.Message);
        }
    }

    /// <returns>The orders that refused the columns.</returns>
    private async Task<HashSet<Guid>> WriteColumnsAsync(IReadOnlyList<(Guid, JsonObject)> updates, CancellationToken ct)
    {
        if (updates.Count == 0) return [];
        var table = SyncedTables.Order;
        // An order deleted meanwhile answers "not found": there is nothing left to show the invoice on. One Dynamics refuses (a closed
        // order is read-only: docs/dataverse-rules.md#d-closed-order-read-only) keeps its payment rows and note, which are rows of their own.
        var results = await c.Dataverse.UpdateMultipleAsync(table.EntitySet, table.Name, table.Key, updates, ct);
        var refused = results.Where(r => r.Outcome == RowUpdateOutcome.Failed).ToList();
        foreach (var r in refused) c.Log.LogWarning("Dynamics refused the Xero invoice columns of order {Order}: {Reason}", r.Id, r.Error);
        return refused.Select(r => r.Id).ToHashSet();
    }
}
