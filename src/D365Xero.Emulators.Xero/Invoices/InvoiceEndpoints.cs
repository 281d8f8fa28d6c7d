using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>/api.xro/2.0/Invoices. Rule: [SPEC] operations; no DELETE: deleting and voiding are status changes (docs/xero-rules.md#X-invoice-status-transitions; XeroAPI/Xero-NetStandard#79).</summary>
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
            lock (org.Sync)
            {
                IEnumerable<Invoice> rows = org.Invoices.All
                    .Where(i => ids.Count == 0 || ids.Contains(i.InvoiceID.ToString()!))
                    .Where(i => numbers.Count == 0 || (i.InvoiceNumber is not null && numbers.Contains(i.InvoiceNumber)))
                    .Where(i => statuses.Count == 0 || statuses.Contains(i.Status!))
                    .Where(i => contactIds.Count == 0 || contactIds.Contains(i.Contact!.ContactID.ToString()!));
                // Rule: [SPEC] searchTerm looks in InvoiceNumber and Reference; docs/xero-rules.md#X-search-term; github.com/XeroAPI/Xero-OpenAPI (xero_accounting.yaml).
                if (!string.IsNullOrEmpty(term))
                    rows = rows.Where(i => i.InvoiceNumber?.Contains(term, StringComparison.OrdinalIgnoreCase) == true
                        || i.Reference?.Contains(term, StringComparison.OrdinalIgnoreCase) == true);
                rows = ListQuery.Where(q, rows, "Invoice", out var error);
                if (error is not null) return error.ToResult();
                return List(rows.ToList(), q, time.GetUtcNow()).ToResult();
            }
        });

        app.MapGet(root + "/{key}", (string key) =>
        {
            lock (org.Sync)
            {
                var found = org.Invoices.FindByKey(key);
                return (found is null ? ApiReply.NotFound() : ApiReply.Json(200, Envelope.Of("Invoices", new[] { found }, time.GetUtcNow()))).ToResult();
            }
        });

        app.MapPut(root, BatchEndpoint.For<Invoice>(org, time, "Invoices", "Invoice", org.Invoices.Create));
        app.MapPost(root, BatchEndpoint.For<Invoice>(org, time, "Invoices", "Invoice", org.Invoices.Upsert));

        app.MapPost(root + "/{invoiceId:guid}", (HttpContext ctx, Guid invoiceId) =>
        {
            lock (org.Sync)
                if (org.Invoices.Find(invoiceId) is null) return Task.FromResult(ApiReply.NotFound().ToResult());
            return BatchEndpoint.HandleAsync<Invoice>(ctx, org, time, "Invoices", "Invoice", (i, now) =>
            {
                i.InvoiceID = invoiceId;
                return org.Invoices.Upsert(i, now);
            });
        });
    }

    /// <summary>
    /// Rule: [D-invoices; SPEC page] a paged list carries line items; a non-paged multi-invoice list does not
    /// (only a summary); docs/xero-rules.md#X-paging; developer.xero.com/documentation/api/requests-and-responses. Rows are copies so stored lines are never stripped.
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
