using D365Xero.Mapping;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync;

/// <summary>
/// What the Xero organisation already holds, for matching on first sync: by ContactNumber, then
/// AccountNumber, then exact normalised name (PRODUCT.md §2). Loaded once with paged reads (1,000
/// contacts a call), then kept current with what the connector itself writes, so a back-fill spends
/// a handful of calls on matching rather than one per account.
/// </summary>
public sealed class XeroContactIndex
{
    private readonly Dictionary<string, XeroContact> _byNumber = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, XeroContact> _byAccountNumber = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<XeroContact>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, XeroContact> _byId = [];
    // Batches of one connection run side by side (SyncRunner), and all of them read and add here.
    private readonly Lock _lock = new();

    public int Count { get { lock (_lock) return _byId.Count; } }

    public void Add(XeroContact contact)
    {
        lock (_lock) AddUnlocked(contact);
    }

    private void AddUnlocked(XeroContact contact)
    {
        if (contact.ContactID is not { } id) return;
        Remove(id);
        // Only what matching reads: a back-fill of 100,000 accounts keeps 100,000 of these, not their people and addresses.
        contact = new XeroContact
        {
            ContactID = id, ContactNumber = contact.ContactNumber, AccountNumber = contact.AccountNumber,
            Name = contact.Name, ContactStatus = contact.ContactStatus,
        };
        _byId[id] = contact;
        if (!string.IsNullOrWhiteSpace(contact.ContactNumber)) _byNumber[contact.ContactNumber] = contact;
        if (!string.IsNullOrWhiteSpace(contact.AccountNumber)) _byAccountNumber[contact.AccountNumber] = contact;
        var name = NormaliseName(contact.Name);
        if (name.Length > 0)
        {
            if (!_byName.TryGetValue(name, out var list)) _byName[name] = list = [];
            list.Add(contact);
        }
    }

    public XeroContact? ByContactNumber(string number) { lock (_lock) return _byNumber.GetValueOrDefault(number); }

    public XeroContact? ByAccountNumber(string? accountNumber)
    {
        if (string.IsNullOrWhiteSpace(accountNumber)) return null;
        lock (_lock) return _byAccountNumber.GetValueOrDefault(accountNumber.Trim());
    }

    /// <summary>Active contacts with this name (names are unique among ACTIVE contacts only, reference §1.2).</summary>
    public IEnumerable<XeroContact> ActiveByName(string? name)
    {
        var key = NormaliseName(name);
        lock (_lock) return _byName.TryGetValue(key, out var list) ? list.Where(IsActive).ToList() : [];
    }

    /// <summary>Exact name after the cleaning the connector applies, compared without regard to case.</summary>
    public static string NormaliseName(string? name) => XeroText.Clean(name).ToUpperInvariant();

    private static bool IsActive(XeroContact c) => c.ContactStatus is null or "ACTIVE";

    private void Remove(Guid id)
    {
        if (!_byId.Remove(id, out var old)) return;
        if (old.ContactNumber is { } n && _byNumber.GetValueOrDefault(n)?.ContactID == id) _byNumber.Remove(n);
        if (old.AccountNumber is { } a && _byAccountNumber.GetValueOrDefault(a)?.ContactID == id) _byAccountNumber.Remove(a);
        if (_byName.TryGetValue(NormaliseName(old.Name), out var list)) list.RemoveAll(c => c.ContactID == id);
    }
}
