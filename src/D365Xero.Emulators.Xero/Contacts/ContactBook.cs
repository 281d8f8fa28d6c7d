using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Webhooks;

namespace D365Xero.Emulators.Xero.Contacts;

/// <summary>The organisation's contacts. Not thread-safe: callers hold the organisation's lock.</summary>
internal sealed class ContactBook(ChangeFeed changes)
{
    private readonly List<Contact> _contacts = [];
    private readonly ContactKeys _keys = new();

    public IReadOnlyList<Contact> All => _contacts;

    public void Clear()
    {
        _contacts.Clear();
        _keys.Clear();
    }

    public Contact? Find(Guid id) => At(_keys.PositionOf(id));

    public Contact? FindByNumber(string number) => At(_keys.ByNumber(number));

    /// <summary>GET /Contacts/{x} serves a ContactID or a ContactNumber. Rule: [SPEC]; docs/xero-rules.md#x-contact-get-by-number; developer.xero.com/documentation/api/contacts.</summary>
    public Contact? FindByKey(string key) => Guid.TryParse(key, out var id) ? Find(id) ?? FindByNumber(key) : FindByNumber(key);

    public Contact? FindActiveByName(string name) => At(_keys.ActiveByName(name));

    private Contact? At(int? position) => position is { } at ? _contacts[at] : null;

    private void Append(Contact contact)
    {
        _keys.Add(contact, _contacts.Count);
        _contacts.Add(contact);
    }

    public BatchOutcome<Contact> Create(Contact input, DateTimeOffset now)
    {
        ContactRules.DropReadOnly(input);
        var errors = ContactRules.CheckFields(input);
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(ContactRules.NameRequired);
        var candidate = XeroJson.Clone(input);
        candidate.ContactID = Guid.NewGuid();
        candidate.ContactStatus ??= "ACTIVE";
        ContactRules.CheckUnique(errors, candidate, _keys);
        if (errors.Count > 0) return new(input, errors);

        candidate.UpdatedDateUTC = XeroDate.Format(now);
        candidate.ContactPersons ??= [];
        candidate.Addresses ??= [];
        candidate.Phones ??= [];
        candidate.ContactGroups = [];
        candidate.IsCustomer = false;
        candidate.IsSupplier = false;
        Append(candidate);
        changes.Contact(candidate.ContactID.Value, created: true, now);
        return BatchOutcome<Contact>.Saved(XeroJson.Clone(candidate));
    }

    public BatchOutcome<Contact> Update(Contact stored, Contact patch, DateTimeOffset now)
    {
        ContactRules.DropReadOnly(patch);
        patch.ContactID = stored.ContactID;
        var errors = ContactRules.CheckFields(patch);
        var merged = RecordMerge.Apply(stored, patch);
        if (string.IsNullOrWhiteSpace(merged.Name)) errors.Add(ContactRules.NameRequired);
        ContactRules.CheckUnique(errors, merged, _keys);
        if (errors.Count > 0) return new(patch, errors);

        merged.UpdatedDateUTC = XeroDate.Format(now);
        var at = _keys.PositionOf(stored.ContactID!.Value)!.Value;
        _keys.Remove(stored, at);
        _keys.Add(merged, at);
        _contacts[at] = merged;
        changes.Contact(merged.ContactID!.Value, created: false, now);
        return BatchOutcome<Contact>.Saved(XeroJson.Clone(merged));
    }

    /// <summary>
    /// POST: update when a ContactID is sent, otherwise create. A ContactNumber alone does not update
    /// (undocumented in Xero, docs/xero-rules.md#x-contact-number-no-implicit-upsert; XeroAPI/xero-node#167 says not to depend on it), so it fails as a duplicate.
    /// </summary>
    public BatchOutcome<Contact> Upsert(Contact input, DateTimeOffset now)
    {
        if (input.ContactID is not { } id) return Create(input, now);
        var stored = Find(id);
        return stored is null ? new(input, [$"Contact with ContactID {id} could not be found."]) : Update(stored, input, now);
    }

    /// <summary>Xero sets IsCustomer when an accounts-receivable invoice exists ([SPEC] read-only; docs/xero-rules.md#x-contact-read-only-fields; developer.xero.com/documentation/api/contacts).</summary>
    public void MarkCustomer(Guid id, bool receivable)
    {
        if (Find(id) is not { } c) return;
        if (receivable) c.IsCustomer = true; else c.IsSupplier = true;
    }

    public void Seed(Contact contact, DateTimeOffset now)
    {
        contact.ContactID ??= Guid.NewGuid();
        contact.ContactStatus ??= "ACTIVE";
        contact.UpdatedDateUTC = XeroDate.Format(now);
        contact.ContactPersons ??= [];
        contact.Addresses ??= [];
        contact.Phones ??= [];
        contact.ContactGroups ??= [];
        contact.IsCustomer ??= false;
        contact.IsSupplier ??= false;
        Append(contact);
    }
}
