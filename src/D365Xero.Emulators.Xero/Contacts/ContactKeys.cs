namespace D365Xero.Emulators.Xero.Contacts;

/// <summary>
/// The contact book's lookups by ContactID, ContactNumber, AccountNumber and active name, kept in step with
/// every add and replace, so a rule check or a lookup costs the same with 100,000 contacts as with ten.
/// Only the work changes: each answer is the one a scan of the book in order would give.
/// </summary>
internal sealed class ContactKeys
{
    private readonly Dictionary<Guid, int> _positions = [];
    private readonly Dictionary<string, SortedSet<int>> _numbers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SortedSet<int>> _accountNumbers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SortedSet<int>> _activeNames = new(StringComparer.OrdinalIgnoreCase);

    public void Clear()
    {
        _positions.Clear();
        _numbers.Clear();
        _accountNumbers.Clear();
        _activeNames.Clear();
    }

    public int? PositionOf(Guid id) => _positions.TryGetValue(id, out var at) ? at : null;

    /// <summary>The first position (book order) holding <paramref name="number"/>.</summary>
    public int? ByNumber(string number) => First(_numbers, number);

    public int? ActiveByName(string name) => First(_activeNames, name);

    /// <summary>True when a contact other than <paramref name="self"/> holds the value.</summary>
    public bool NumberTaken(string number, int? self) => Taken(_numbers, number, self);

    public bool AccountNumberTaken(string number, int? self) => Taken(_accountNumbers, number, self);

    public bool ActiveNameTaken(string name, int? self) => Taken(_activeNames, name, self);

    public void Add(Contact contact, int at)
    {
        if (contact.ContactID is { } id) _positions[id] = at;
        Link(_numbers, contact.ContactNumber, at);
        Link(_accountNumbers, contact.AccountNumber, at);
        if (contact.IsActive) Link(_activeNames, contact.Name, at);
    }

    public void Remove(Contact contact, int at)
    {
        if (contact.ContactID is { } id) _positions.Remove(id);
        Unlink(_numbers, contact.ContactNumber, at);
        Unlink(_accountNumbers, contact.AccountNumber, at);
        if (contact.IsActive) Unlink(_activeNames, contact.Name, at);
    }

    private static int? First(Dictionary<string, SortedSet<int>> index, string key) =>
        index.TryGetValue(key, out var at) && at.Count > 0 ? at.Min : null;

    private static bool Taken(Dictionary<string, SortedSet<int>> index, string key, int? self) =>
        index.TryGetValue(key, out var at) && at.Any(p => p != self);

    private static void Link(Dictionary<string, SortedSet<int>> index, string? key, int at)
    {
        if (string.IsNullOrEmpty(key)) return;
        if (!index.TryGetValue(key, out var set)) index[key] = set = [];
        set.Add(at);
    }

    private static void Unlink(Dictionary<string, SortedSet<int>> index, string? key, int at)
    {
        if (!string.IsNullOrEmpty(key) && index.TryGetValue(key, out var set) && set.Remove(at) && set.Count == 0) index.Remove(key);
    }
}
