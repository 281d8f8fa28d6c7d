using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>/api.xro/2.0/Invoices. Rule: [SPEC] operations; no DELETE: deleting and voiding are status changes (docs/xero-rules.md#x-invoice-status-transitions; XeroAPI/Xero-NetStandard#79).</summary>
internal static class InvoiceEndpoints
{
    public static void MapInvoices(this WebApplication app, XeroOrganisation org, TimeProvider time)
    {
        const string root = "/api.xro/2.0/Invoices";

        app.MapGet(root, (HttpContext ctx) =>
        {
            var q = ctx.Request;
            var ids = ListQuery.CommaList(q, "IDs");
            var numbers = ListQuery.CommaList(q, "InvoiceNumbers");
            var statuses = ListQuery.CommaList(q, "Statuses");
            var contactIds = ListQuery.CommaList(q, "ContactIDs");
            string? term = q.Query["searchTerm"];
            var since = ModifiedSince.Read(q);
            lock (org.Sync)
            {
                IEnumerable<Invoice> rows = org.Invoices.All
                    .Where(i => ids.Count == 0 || ids.Contains(i.InvoiceID.ToString()!))
                    .Where(i => numbers.Count == 0 || (i.InvoiceNumber is not null && numbers.Contains(i.InvoiceNumber)))
                    .Where(i => statuses.Count == 0 || statuses.Contains(i.Status!))
                    .Where(i => contactIds.Count == 0 || contactIds.Contains(i.Contact!.ContactID.ToString()!))
                    // Rule: [SPEC] getInvoices takes If-Modified-Since beside IDs and paging; docs/xero-rules.md#x-if-modified-since.
                    .Where(i => ModifiedSince.Passes(i.UpdatedDateUTC, since));
                // Rule: [SPEC] searchTerm looks in InvoiceNumber and Reference; docs/xero-rules.md#x-search-term; github.com/XeroAPI/Xero-OpenAPI (xero_accounting.yaml).
                if (!string.IsNullOrEmpty(term))
                    rows = rows.Where(i => i.InvoiceNumber?.Contains(term, StringComparison.OrdinalIgnoreCase) == true
                        || i.Reference?.Contains(term, StringComparison.OrdinalIgnoreCase) == true);
                rows = ListQuery.Where(q, rows, "Invoice", out var error);
                if (error is not null) return error.ToResult();
                return List(rows.ToList(), q, time.GetUtcNow()).ToResult();
            }
        });

        new KeyedEndpoints<Invoice>(root, "Invoices", "Invoice")
        {
            FindByKey = org.Invoices.FindByKey, Find = org.Invoices.Find, Create = org.Invoices.Create, Upsert = org.Invoices.Upsert, SetId = (i, id) => i.InvoiceID = id,
            // Rule: [SPEC] getInvoice answers application/pdf when asked; docs/xero-rules.md#x-invoice-pdf.
            Render = (request, invoice) => InvoicePdf.Wanted(request) ? Results.Bytes(InvoicePdf.Render(invoice), InvoicePdf.MediaType) : null,
        }.Map(app, org, time);

        app.MapGet(root + "/{id:guid}/OnlineInvoice", (Guid id) =>
        {
            lock (org.Sync)
                return (org.Invoices.Find(id) is { } invoice ? OnlineInvoice.For(invoice, time.GetUtcNow()) : ApiReply.NotFound()).ToResult();
        });
    }

    /// <summary>
    /// Rule: [D-invoices; SPEC page] a paged list carries line items; a non-paged multi-invoice list does not
    /// (only a summary); docs/xero-rules.md#x-paging; developer.xero.com/documentation/api/requests-and-responses. Rows are copies so stored lines are never stripped.
    /// </summary>
    private static ApiReply List(List<Invoice> rows, HttpRequest request, DateTimeOffset now)
    {
        if (Pagination.Requested(request) is { } paging)
        {
            var (page, pagination) = Pagination.Slice(rows, paging.Page, paging.Size);
            return ApiReply.Json(200, Envelope.Of("Invoices", page, now, pagination));
        }
        var summaries = rows.Select(XeroJson.Clone).ToList();
        foreach (var s in summaries) s.LineItems = null;
        return ApiReply.Json(200, Envelope.Of("Invoices", summaries, now));
    }
}
