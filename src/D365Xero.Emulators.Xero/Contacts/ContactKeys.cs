using D365Xero.Emulators.Xero.Common;

namespace D365Xero.Emulators.Xero.Contacts;

/// <summary>
/// The contact book's lookups by ContactID, ContactNumber, AccountNumber and active name, kept in step with
/// every add and replace, so a rule check or a lookup costs the same with 100,000 contacts as with ten.
/// Only the work changes: each answer is the one a scan of the book in order would give.
/// </summary>
internal sealed class ContactKeys
{
    private readonly Dictionary<Guid, int> _positions = [];
    private readonly KeyPositions _numbers = new();
    private readonly KeyPositions _accountNumbers = new();
    private readonly KeyPositions _activeNames = new();

    public void Clear()
    {
        _positions.Clear();
        _numbers.Clear();
        _accountNumbers.Clear();
        _activeNames.Clear();
    }

    public int? PositionOf(Guid id) => _positions.TryGetValue(id, out var at) ? at : null;

    /// <summary>The first position (book order) holding <paramref name="number"/>.</summary>
    public int? ByNumber(string number) => _numbers.First(number);

    public int? ActiveByName(string name) => _activeNames.First(name);

    /// <summary>True when a contact other than <paramref name="self"/> holds the value.</summary>
    public bool NumberTaken(string number, int? self) => _numbers.TakenBesides(number, self);

    public bool AccountNumberTaken(string number, int? self) => _accountNumbers.TakenBesides(number, self);

    public bool ActiveNameTaken(string name, int? self) => _activeNames.TakenBesides(name, self);

    public void Add(Contact contact, int at)
    {
        if (contact.ContactID is { } id) _positions[id] = at;
        _numbers.Add(contact.ContactNumber, at);
        _accountNumbers.Add(contact.AccountNumber, at);
        if (contact.IsActive) _activeNames.Add(contact.Name, at);
    }

    public void Remove(Contact contact, int at)
    {
        if (contact.ContactID is { } id) _positions.Remove(id);
        _numbers.Remove(contact.ContactNumber, at);
        _accountNumbers.Remove(contact.AccountNumber, at);
        if (contact.IsActive) _activeNames.Remove(contact.Name, at);
    }
}
