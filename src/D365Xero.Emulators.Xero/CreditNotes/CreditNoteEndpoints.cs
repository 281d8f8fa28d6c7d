using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.CreditNotes;

/// <summary>
/// /api.xro/2.0/CreditNotes: read (IDs, If-Modified-Since, where, paging), create and update like invoices, and
/// PUT /{id}/Allocations. Rule: [SPEC] getCreditNotes, createCreditNotes, updateOrCreateCreditNotes,
/// updateCreditNote, createCreditNoteAllocation.
/// </summary>
internal static class CreditNoteEndpoints
{
    private const string Root = "/api.xro/2.0/CreditNotes";

    public static void MapCreditNotes(this WebApplication app, XeroOrganisation org, TimeProvider time)
    {
        app.MapGet(Root, (HttpContext ctx) =>
        {
            var q = ctx.Request;
            var ids = ListQuery.CommaList(q, "IDs");
            var since = ModifiedSince.Read(q);
            lock (org.Sync)
            {
                var rows = org.CreditNotes.All
                    .Where(n => ids.Count == 0 || ids.Contains(n.CreditNoteID.ToString()!))
                    .Where(n => ModifiedSince.Passes(n.UpdatedDateUTC, since));
                rows = ListQuery.Where(q, rows, "CreditNote", out var error);
                if (error is not null) return error.ToResult();
                var list = rows.ToList();
                var now = time.GetUtcNow();
                // Rule: [SPEC] getCreditNotes page: up to 100 a page, with line items; docs/xero-rules.md#x-paging.
                if (Pagination.Requested(q) is { } paging)
                {
                    var (page, pagination) = Pagination.Slice(list, paging.Page, paging.Size);
                    return ApiReply.Json(200, Envelope.Of("CreditNotes", page, now, pagination)).ToResult();
                }
                return ApiReply.Json(200, Envelope.Of("CreditNotes", list, now)).ToResult();
            }
        });

        new KeyedEndpoints<CreditNote>(Root, "CreditNotes", "CreditNote")
        {
            FindByKey = org.CreditNotes.FindByKey, Find = org.CreditNotes.Find, Create = org.CreditNotes.Create, Upsert = org.CreditNotes.Upsert,
            SetId = (n, id) => n.CreditNoteID = id,
        }.Map(app, org, time);

        app.MapPut(Root + "/{id:guid}/Allocations", (HttpContext ctx, Guid id) =>
        {
            lock (org.Sync)
                if (org.CreditNotes.Find(id) is null) return Task.FromResult(ApiReply.NotFound().ToResult());
            return BatchEndpoint.HandleAsync<Allocation>(ctx, org, time, "Allocations", "Allocation",
                (allocation, now) => org.CreditNotes.Allocate(org.CreditNotes.Find(id)!, allocation, now));
        });
    }
}
