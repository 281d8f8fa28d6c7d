using D365Xero.Mapping;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync;

/// <summary>
/// What the Xero organisation already holds, for matching on first sync: by ContactNumber, then
/// AccountNumber, then exact normalised name (docs/product-rules.md#p-match-before-create). Loaded once with paged reads (1,000
/// contacts a call), then kept current with what the connector itself writes, so a back-fill spends
/// a handful of calls on matching rather than one per account.
/// </summary>
public sealed class XeroContactIndex
{
    private readonly Dictionary<string, XeroContact> _byNumber = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, XeroContact> _byAccountNumber = new(StringComparer.OrdinalIgnoreCase);
    // By cleaned name, compared without regard to case (so no upper-cased copy of every name is kept);
    // the rare second contact of a name goes to _moreByName, so 100,000 names do not hold 100,000 lists.
    private readonly Dictionary<string, XeroContact> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<XeroContact>> _moreByName = new(StringComparer.OrdinalIgnoreCase);
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
        var name = XeroText.Clean(contact.Name);
        if (name.Length == 0) return;
        if (_byName.TryAdd(name, contact)) return;
        if (!_moreByName.TryGetValue(name, out var more)) _moreByName[name] = more = [];
        more.Add(contact);
    }

    public XeroContact? ByContactNumber(string number) { lock (_lock) return _byNumber.GetValueOrDefault(number); }

    public XeroContact? ByAccountNumber(string? accountNumber)
    {
        if (string.IsNullOrWhiteSpace(accountNumber)) return null;
        lock (_lock) return _byAccountNumber.GetValueOrDefault(accountNumber.Trim());
    }

    /// <summary>Active contacts with this name (names are unique among ACTIVE contacts only, docs/xero-rules.md#x-contact-name-unique-active; XeroAPI/xero-ruby#13).</summary>
    public IEnumerable<XeroContact> ActiveByName(string? name)
    {
        var key = XeroText.Clean(name);
        lock (_lock) return SameName(key).Where(IsActive).ToList();
    }

    /// <summary>Exact name after the cleaning the connector applies, compared without regard to case.</summary>
    public static string NormaliseName(string? name) => XeroText.Clean(name).ToUpperInvariant();

    private IEnumerable<XeroContact> SameName(string key)
    {
        if (_byName.TryGetValue(key, out var first)) yield return first;
        if (_moreByName.TryGetValue(key, out var more)) foreach (var contact in more) yield return contact;
    }

    private static bool IsActive(XeroContact c) => c.ContactStatus is null or "ACTIVE";

    private void Remove(Guid id)
    {
        if (!_byId.Remove(id, out var old)) return;
        if (old.ContactNumber is { } n && _byNumber.GetValueOrDefault(n)?.ContactID == id) _byNumber.Remove(n);
        if (old.AccountNumber is { } a && _byAccountNumber.GetValueOrDefault(a)?.ContactID == id) _byAccountNumber.Remove(a);
        var name = XeroText.Clean(old.Name);
        _moreByName.TryGetValue(name, out var more);
        more?.RemoveAll(c => c.ContactID == id);
        if (_byName.GetValueOrDefault(name)?.ContactID == id)
        {
            _byName.Remove(name);
            // The next of that name, if any, moves up.
            if (more is { Count: > 0 })
            {
                _byName[name] = more[0];
                more.RemoveAt(0);
            }
        }
        if (more is { Count: 0 }) _moreByName.Remove(name);
    }
}
