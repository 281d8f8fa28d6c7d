using D365Xero.Emulators.Xero.Common;

namespace D365Xero.Emulators.Xero.Contacts;

/// <summary>
/// The organisation's contact groups and who is in them (docs/xero-rules.md#x-contact-groups). Each member contact lists the
/// group in its own <c>ContactGroups</c>. Not thread-safe: callers hold the organisation's lock.
/// </summary>
internal sealed class ContactGroupBook(ContactBook contacts)
{
    // Rule: [SPEC] createContactGroup's 400 example: "You’ve reached the limit of 100 contact groups."; docs/xero-rules.md#x-contact-groups.
    public const int MaxGroups = 100;

    private readonly List<ContactGroup> _groups = [];
    private readonly Dictionary<Guid, List<Guid>> _members = [];

    public void Clear()
    {
        _groups.Clear();
        _members.Clear();
    }

    /// <summary>Rule: [SPEC] "Only contact groups with a status of ACTIVE are returned on GETs"; docs/xero-rules.md#x-contact-groups.</summary>
    public IEnumerable<ContactGroup> Active => _groups.Where(g => g.Status == "ACTIVE").Select(g => View(g, withContacts: false));

    public ContactGroup? Find(Guid id) => _groups.FirstOrDefault(g => g.ContactGroupID == id);

    /// <summary>The group as GET /ContactGroups/{id} answers it, with its contacts.</summary>
    public ContactGroup? Read(Guid id) => Find(id) is { } g ? View(g, withContacts: true) : null;

    public BatchOutcome<ContactGroup> Create(ContactGroup input, DateTimeOffset now)
    {
        var errors = new List<string>();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) errors.Add("Name is required.");
        else if (NameTaken(name, null)) errors.Add(NameTakenMessage);
        if (_groups.Count(g => g.Status == "ACTIVE") >= MaxGroups) errors.Add("You’ve reached the limit of 100 contact groups.");
        if (errors.Count > 0) return new(input, errors);
        var group = new ContactGroup { ContactGroupID = Guid.NewGuid(), Name = name, Status = "ACTIVE" };
        _groups.Add(group);
        _members[group.ContactGroupID!.Value] = [];
        return BatchOutcome<ContactGroup>.Saved(View(group, withContacts: false));
    }

    /// <summary>POST /ContactGroups/{id}: a new name, or Status DELETED ([SPEC] "To delete a contact group update the status to DELETED").</summary>
    public BatchOutcome<ContactGroup> Update(Guid id, ContactGroup patch)
    {
        if (Find(id) is not { } group) return new(patch, [$"Contact group {id} could not be found."]);
        var errors = new List<string>();
        var name = patch.Name?.Trim();
        if (name is { Length: 0 }) errors.Add("Name is required.");
        else if (name is not null && NameTaken(name, id)) errors.Add(NameTakenMessage);
        if (patch.Status is { } status && status is not ("ACTIVE" or "DELETED")) errors.Add($"Status {status} is not valid for a contact group; use ACTIVE or DELETED.");
        if (errors.Count > 0) return new(patch, errors);
        if (name is not null) group.Name = name;
        if (patch.Status is { } s) group.Status = s;
        // [unverified] a deleted group no longer shows on its contacts, as it no longer shows on GETs.
        foreach (var contactId in _members[id]) SetRef(contactId, group, member: group.Status == "ACTIVE");
        return BatchOutcome<ContactGroup>.Saved(View(group, withContacts: false));
    }

    /// <summary>
    /// PUT /ContactGroups/{id}/Contacts: adds each contact (one already in the group stays once). Rule: a deleted group takes no
    /// contacts, an archived contact cannot be assigned (calcinai/xero-php#525); docs/xero-rules.md#x-contact-groups.
    /// </summary>
    /// <returns>The added contacts, or the reason the whole call is refused.</returns>
    public (List<ContactGroupMember>? Added, string? Error) Add(Guid id, IReadOnlyList<Guid> contactIds)
    {
        if (Find(id) is not { } group) return (null, null);
        if (group.Status != "ACTIVE") return (null, $"The contact group '{group.Name}' has been deleted; contacts cannot be added to it.");
        var found = contactIds.Select(c => (Id: c, Contact: contacts.Find(c))).ToList();
        foreach (var (contactId, contact) in found)
            if (contact is null) return (null, $"Contact with ContactID {contactId} could not be found.");
        if (found.Any(f => !f.Contact!.IsActive)) return (null, "Unable to assign an Archived contact.");
        var members = _members[id];
        foreach (var (contactId, _) in found)
        {
            if (!members.Contains(contactId)) members.Add(contactId);
            SetRef(contactId, group, member: true);
        }
        return (found.Select(f => new ContactGroupMember(f.Id, f.Contact!.Name)).ToList(), null);
    }

    /// <summary>DELETE /ContactGroups/{id}/Contacts/{contactId}: false when the group or the membership is unknown (404).</summary>
    public bool Remove(Guid id, Guid contactId)
    {
        if (Find(id) is not { } group || !_members[id].Remove(contactId)) return false;
        SetRef(contactId, group, member: false);
        return true;
    }

    private const string NameTakenMessage = "A Contact Group already exists with this name.";

    // Rule: [issues] calcinai/xero-php#16: "A Contact Group already exists with this name"; docs/xero-rules.md#x-contact-groups.
    private bool NameTaken(string name, Guid? except) =>
        _groups.Any(g => g.Status == "ACTIVE" && g.ContactGroupID != except && string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));

    private void SetRef(Guid contactId, ContactGroup group, bool member)
    {
        if (contacts.Find(contactId) is not { } contact) return;
        var refs = (contact.ContactGroups ?? []).Where(r => r.ContactGroupID != group.ContactGroupID).ToList();
        if (member) refs.Add(new ContactGroupRef(group.ContactGroupID!.Value, group.Name, group.Status!));
        contact.ContactGroups = refs;
    }

    private ContactGroup View(ContactGroup g, bool withContacts) => new()
    {
        ContactGroupID = g.ContactGroupID, Name = g.Name, Status = g.Status, HasValidationErrors = false,
        Contacts = withContacts ? _members[g.ContactGroupID!.Value].Select(id => new ContactGroupMember(id, contacts.Find(id)?.Name)).ToList() : [],
    };
}
