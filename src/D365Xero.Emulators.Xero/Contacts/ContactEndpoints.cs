using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Contacts;

/// <summary>/api.xro/2.0/Contacts. Rule: [SPEC] operations; no DELETE exists (docs/xero-rules.md#x-contact-no-delete-archive; help.xero.com/uk/Contacts-Archive).</summary>
internal static class ContactEndpoints
{
    public static void MapContacts(this WebApplication app, XeroOrganisation org, TimeProvider time)
    {
        const string root = "/api.xro/2.0/Contacts";

        app.MapGet(root, (HttpContext ctx) =>
        {
            var q = ctx.Request;
            var ids = ListQuery.CommaList(q, "IDs");
            string? term = q.Query["searchTerm"];
            lock (org.Sync)
            {
                // Rule: [SPEC] archived contacts only with includeArchived=true, unless asked for by ID; docs/xero-rules.md#x-contact-no-delete-archive; help.xero.com/uk/Contacts-Archive.
                IEnumerable<Contact> rows = org.Contacts.All
                    .Where(c => ListQuery.Flag(q, "includeArchived") || ids.Count > 0 || c.IsActive)
                    .Where(c => ids.Count == 0 || ids.Contains(c.ContactID.ToString()!));
                // Rule: [SPEC] searchTerm: case-insensitive over Name, FirstName, LastName, ContactNumber, EmailAddress; docs/xero-rules.md#x-search-term; github.com/XeroAPI/Xero-OpenAPI (xero_accounting.yaml).
                if (!string.IsNullOrEmpty(term))
                    rows = rows.Where(c => new[] { c.Name, c.FirstName, c.LastName, c.ContactNumber, c.EmailAddress }
                        .Any(f => f?.Contains(term, StringComparison.OrdinalIgnoreCase) == true));
                rows = ListQuery.Where(q, rows, "Contact", out var error);
                if (error is not null) return error.ToResult();
                return List(rows.ToList(), q, time.GetUtcNow()).ToResult();
            }
        });

        // Rule: [SPEC] PUT creates only; POST creates or updates; docs/xero-rules.md#x-contact-put-creates-post-upserts; developer.xero.com/documentation/api/contacts.
        new KeyedEndpoints<Contact>(root, "Contacts", "Contact")
        {
            FindByKey = org.Contacts.FindByKey, Find = org.Contacts.Find, Create = org.Contacts.Create, Upsert = org.Contacts.Upsert, SetId = (c, id) => c.ContactID = id,
        }.Map(app, org, time);

        // Rule: [SPEC] there is no DELETE on Contacts; archive instead (docs/xero-rules.md#x-contact-no-delete-archive; help.xero.com/uk/Contacts-Archive).
        app.MapDelete(root, () => Results.StatusCode(405));
        app.MapDelete(root + "/{key}", (string key) => Results.StatusCode(405));
    }

    /// <summary>Paged when page is given ([SPEC] pagination object); otherwise every matching contact.</summary>
    private static ApiReply List(List<Contact> rows, HttpRequest request, DateTimeOffset now)
    {
        if (Pagination.Requested(request) is not { } paging) return ApiReply.Json(200, Envelope.Of("Contacts", rows, now));
        var (page, pagination) = Pagination.Slice(rows, paging.Page, paging.Size);
        return ApiReply.Json(200, Envelope.Of("Contacts", page, now, pagination));
    }
}
