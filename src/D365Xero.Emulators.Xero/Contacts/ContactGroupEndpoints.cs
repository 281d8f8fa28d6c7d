using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Contacts;

/// <summary>
/// /api.xro/2.0/ContactGroups ([SPEC] getContactGroups, createContactGroup, getContactGroup, updateContactGroup,
/// createContactGroupContacts, deleteContactGroupContact; developer.xero.com/documentation/api/accounting/contactgroups).
/// Rules: docs/xero-rules.md#x-contact-groups.
/// </summary>
internal static class ContactGroupEndpoints
{
    public static void MapContactGroups(this WebApplication app, XeroOrganisation org, TimeProvider time)
    {
        const string root = "/api.xro/2.0/ContactGroups";

        // Rule: [SPEC] only ACTIVE groups are returned on GETs; `where` and `order` are optional.
        app.MapGet(root, (HttpContext ctx) =>
        {
            lock (org.Sync)
            {
                var rows = ListQuery.Where(ctx.Request, org.ContactGroups.Active, "ContactGroup", out var error);
                if (error is not null) return error.ToResult();
                return ApiReply.Json(200, Envelope.Of("ContactGroups", Order(rows, ctx.Request.Query["order"]).ToList(), time.GetUtcNow())).ToResult();
            }
        });

        // Rule: [SPEC] PUT creates; a name must be unique among active groups (calcinai/xero-php#16).
        app.MapPut(root, BatchEndpoint.For<ContactGroup>(org, time, "ContactGroups", "ContactGroup", org.ContactGroups.Create));

        app.MapGet(root + "/{id:guid}", (Guid id) =>
        {
            lock (org.Sync)
                return (org.ContactGroups.Read(id) is { } group
                    ? ApiReply.Json(200, Envelope.Of("ContactGroups", new[] { group }, time.GetUtcNow()))
                    : ApiReply.NotFound()).ToResult();
        });

        // Rule: [SPEC] updateContactGroup: a new Name, or Status DELETED to delete the group.
        app.MapPost(root + "/{id:guid}", (HttpContext ctx, Guid id) =>
        {
            lock (org.Sync)
                if (org.ContactGroups.Find(id) is null) return Task.FromResult(ApiReply.NotFound().ToResult());
            return BatchEndpoint.HandleAsync<ContactGroup>(ctx, org, time, "ContactGroups", "ContactGroup", (g, _) => org.ContactGroups.Update(id, g));
        });

        // Rule: [SPEC] createContactGroupContacts: {"Contacts":[{"ContactID":…}]}, answered with the contacts added.
        app.MapPut(root + "/{id:guid}/Contacts", async (HttpContext ctx, Guid id) =>
        {
            var body = await RequestBody.ReadAsync(ctx);
            var elements = BatchRequest.Read<ContactGroupMember>(body, "Contacts");
            if (elements is null || elements.Count == 0) return ApiReply.Json(400, XeroErrors.NoData("Contact")).ToResult();
            lock (org.Sync)
            {
                if (org.ContactGroups.Find(id) is null) return ApiReply.NotFound().ToResult();
                var (added, refusal) = org.ContactGroups.Add(id, elements.Select(e => e.ContactID).ToList());
                return (refusal is not null
                    ? ApiReply.Json(400, XeroErrors.ValidationMessage(refusal))
                    : ApiReply.Json(200, Envelope.Of("Contacts", added!, time.GetUtcNow()))).ToResult();
            }
        });

        // Rule: [SPEC] deleteContactGroupContact answers 204 with no content.
        app.MapDelete(root + "/{id:guid}/Contacts/{contactId:guid}", (Guid id, Guid contactId) =>
        {
            lock (org.Sync)
                return org.ContactGroups.Remove(id, contactId) ? Results.NoContent() : ApiReply.NotFound().ToResult();
        });
    }

    /// <summary>[SPEC] `order`, e.g. "Name ASC": by Name or Status, ascending unless DESC.</summary>
    private static IEnumerable<ContactGroup> Order(IEnumerable<ContactGroup> rows, string? order)
    {
        var parts = (order ?? "Name").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Func<ContactGroup, string?> key = parts.FirstOrDefault()?.Equals("Status", StringComparison.OrdinalIgnoreCase) == true ? g => g.Status : g => g.Name;
        var descending = parts.Length > 1 && parts[1].Equals("DESC", StringComparison.OrdinalIgnoreCase);
        return descending ? rows.OrderByDescending(key, StringComparer.OrdinalIgnoreCase) : rows.OrderBy(key, StringComparer.OrdinalIgnoreCase);
    }
}
