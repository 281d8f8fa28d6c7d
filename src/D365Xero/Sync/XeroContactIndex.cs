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
    private readonly Dictionary<string, Entry> _byNumber = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Entry> _byAccountNumber = new(StringComparer.OrdinalIgnoreCase);
    // By cleaned name, compared without regard to case (so no upper-cased copy of every name is kept);
    // the rare second contact of a name goes to _moreByName, so 100,000 names do not hold 100,000 lists.
    private readonly Dictionary<string, Entry> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Entry>> _moreByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, Entry> _byId = [];
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
        var entry = new Entry(id, contact.ContactNumber, contact.AccountNumber, contact.Name, Entry.Status(contact.ContactStatus));
        _byId[id] = entry;
        if (!string.IsNullOrWhiteSpace(entry.Number)) _byNumber[entry.Number] = entry;
        if (!string.IsNullOrWhiteSpace(entry.AccountNumber)) _byAccountNumber[entry.AccountNumber] = entry;
        var name = XeroText.Clean(entry.Name);
        if (name.Length == 0) return;
        if (_byName.TryAdd(name, entry)) return;
        if (!_moreByName.TryGetValue(name, out var more)) _moreByName[name] = more = [];
        more.Add(entry);
    }

    public XeroContact? ByContactNumber(string number) { lock (_lock) return _byNumber.GetValueOrDefault(number)?.Contact(); }

    public XeroContact? ByAccountNumber(string? accountNumber)
    {
        if (string.IsNullOrWhiteSpace(accountNumber)) return null;
        lock (_lock) return _byAccountNumber.GetValueOrDefault(accountNumber.Trim())?.Contact();
    }

    /// <summary>Active contacts with this name (names are unique among ACTIVE contacts only, docs/xero-rules.md#x-contact-name-unique-active; XeroAPI/xero-ruby#13).</summary>
    public IEnumerable<XeroContact> ActiveByName(string? name)
    {
        var key = XeroText.Clean(name);
        lock (_lock) return SameName(key).Where(e => e.IsActive).Select(e => e.Contact()).ToList();
    }

    /// <summary>Exact name after the cleaning the connector applies, compared without regard to case.</summary>
    public static string NormaliseName(string? name) => XeroText.Clean(name).ToUpperInvariant();

    private IEnumerable<Entry> SameName(string key)
    {
        if (_byName.TryGetValue(key, out var first)) yield return first;
        if (_moreByName.TryGetValue(key, out var more)) foreach (var entry in more) yield return entry;
    }

    private void Remove(Guid id)
    {
        if (!_byId.Remove(id, out var old)) return;
        if (old.Number is { } n && _byNumber.GetValueOrDefault(n) == old) _byNumber.Remove(n);
        if (old.AccountNumber is { } a && _byAccountNumber.GetValueOrDefault(a) == old) _byAccountNumber.Remove(a);
        var name = XeroText.Clean(old.Name);
        _moreByName.TryGetValue(name, out var more);
        more?.Remove(old);
        if (_byName.GetValueOrDefault(name) == old)
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

    /// <summary>
    /// Only what matching reads, 64 bytes: a back-fill of 100,000 accounts keeps 100,000 of these. A whole
    /// <see cref="XeroContact"/> is 208 bytes however few of its fields are set, and Xero's answers give every
    /// contact its own copy of its status; a lookup hands out a contact made from the entry.
    /// </summary>
    private sealed class Entry(Guid id, string? number, string? accountNumber, string? name, string? status)
    {
        public Guid Id { get; } = id;
        public string? Number { get; } = number;
        public string? AccountNumber { get; } = accountNumber;
        public string? Name { get; } = name;
        public string? ContactStatus { get; } = status;
        public bool IsActive => ContactStatus is null or "ACTIVE";

        public XeroContact Contact() => new() { ContactID = Id, ContactNumber = Number, AccountNumber = AccountNumber, Name = Name, ContactStatus = ContactStatus };

        /// <summary>Xero's contact statuses, each kept as one shared string.</summary>
        private static readonly string[] Statuses = ["ACTIVE", "ARCHIVED", "GDPRREQUEST"];

        public static string? Status(string? status) => SharedStrings.Of(status, Statuses);
    }
}
