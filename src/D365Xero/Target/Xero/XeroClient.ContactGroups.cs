using System.Text.Json;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Target.Xero;

/// <summary>
/// Contact groups (docs/xero-rules.md#x-contact-groups; developer.xero.com/documentation/api/accounting/contactgroups): the list,
/// read with the organisation's settings, and a contact's place in a group. Counted in <see cref="CallsMade"/> as
/// <c>GET ContactGroups</c>, <c>PUT ContactGroups Contacts</c> and <c>DELETE ContactGroups Contacts</c>.
/// </summary>
public sealed partial class XeroClient
{
    /// <summary><c>GET /ContactGroups</c>: the ACTIVE groups (Xero returns no others on GETs).</summary>
    public async Task<IReadOnlyList<XeroContactGroup>> GetContactGroupsAsync(CancellationToken cancellationToken = default)
    {
        var request = XeroRequest.Get($"{Api}ContactGroups", "GET ContactGroups", ContactsScope);
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return XeroEnvelope.ReadList<XeroContactGroup>(response, "ContactGroups", request.Operation).Items;
    }

    /// <summary>
    /// <c>PUT /ContactGroups/{id}/Contacts</c> with <c>{"Contacts":[{"ContactID":…}]}</c>: every contact into the group in one call,
    /// with an Idempotency-Key of the body, so a retry within Xero's window is not applied twice (adding twice changes nothing anyway).
    /// </summary>
    /// <exception cref="Errors.RemoteApiException">Permanent with Xero's message when Xero refuses (a deleted group, an archived contact).</exception>
    public async Task AddContactsToGroupAsync(Guid contactGroupId, IReadOnlyList<Guid> contactIds, CancellationToken cancellationToken = default)
    {
        if (contactIds.Count == 0) return;
        var path = $"{Api}ContactGroups/{contactGroupId}/Contacts";
        var json = JsonSerializer.Serialize(new { Contacts = contactIds.Distinct().Select(id => new { ContactID = id }) }, XeroJson.Options);
        var request = XeroRequest.Write(HttpMethod.Put, path, json, XeroIdempotencyKey.For(Guid.NewGuid().ToString("N"), HttpMethod.Put, path, json),
            "PUT ContactGroups Contacts", ContactsScope);
        await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>DELETE /ContactGroups/{id}/Contacts/{ContactID}</c>: 204; a 404 (no longer in it) counts as done.</summary>
    public async Task RemoveContactFromGroupAsync(Guid contactGroupId, Guid contactId, CancellationToken cancellationToken = default)
    {
        var request = XeroRequest.Delete($"{Api}ContactGroups/{contactGroupId}/Contacts/{contactId}", "DELETE ContactGroups Contacts", ContactsScope)
            with { NotFoundIsAnswer = true };
        await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
