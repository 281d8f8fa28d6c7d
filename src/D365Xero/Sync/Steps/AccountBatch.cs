using D365Xero.Mapping;
using D365Xero.Source;
using D365Xero.Source.Rows;

namespace D365Xero.Sync.Steps;

/// <summary>A batch of accounts with their people (every contact under them, and each primary contact wherever it lives) and currencies.</summary>
public sealed class AccountBatch(
    IReadOnlyList<Guid> ids,
    IReadOnlyDictionary<Guid, Snapshot<AccountRow>> rows,
    IReadOnlyDictionary<Guid, Snapshot<ContactRow>> people,
    IReadOnlyDictionary<Guid, string> currencies) : RowBatch<AccountRow>(ids, rows)
{
    public IReadOnlyDictionary<Guid, Snapshot<ContactRow>> People { get; } = people;
    public IReadOnlyList<ContactRow> PeopleRows { get; } = people.Values.Select(p => p.Row).ToList();
    public IReadOnlyDictionary<Guid, string> Currencies { get; } = currencies;

    /// <summary>
    /// Reads the accounts as they are now, their people (every contact under them, and each primary contact wherever it
    /// lives) and their currencies: what mapping them needs (the account step, and `reconcile` comparing with Xero).
    /// </summary>
    public static async Task<AccountBatch> ReadAsync(IDynamicsReader reader, IReadOnlyList<Guid> ids, CancellationToken ct, Configuration.Mapping.ContactFieldMaps? fields = null)
    {
        var accounts = await reader.GetAccountsAsync(ids, ct);
        var people = new Dictionary<Guid, Snapshot<ContactRow>>(await reader.GetContactsOfAccountsAsync(accounts.Keys.ToList(), ct));
        var primaries = accounts.Values.Select(a => a.Row.PrimaryContactId).OfType<Guid>().Where(id => !people.ContainsKey(id)).ToList();
        if (primaries.Count > 0)
        {
            foreach (var (id, snapshot) in await reader.GetContactsAsync(primaries, ct)) people[id] = snapshot;
        }
        var currencies = await reader.GetCurrencyCodesAsync(accounts.Values.Select(a => a.Row.CurrencyId).OfType<Guid>(), ct);
        return new AccountBatch(ids, accounts, people, currencies) { Fields = fields };
    }

    /// <summary>What became of each account's people in its latest mapping (written onto the contact rows after the send).</summary>
    public Dictionary<Guid, IReadOnlyList<PersonOutcome>> Outcomes { get; } = [];

    /// <summary>The contact fields mapped from account columns (Mapping:Contact), applied to each contact.</summary>
    public Configuration.Mapping.ContactFieldMaps? Fields { get; init; }

    /// <summary>Maps the account whole (Xero replaces the people list on every update), with a name suffix when it needs one.</summary>
    public ContactMapping Map(Guid id, string? suffix)
    {
        var mapping = ContactMapper.Map(Rows[id].Row, PeopleRows, Currencies, suffix);
        Outcomes[id] = mapping.People;
        if (mapping.Payload is null || Fields is null) return mapping;
        var (payload, error) = FieldMapper.Contact(mapping.Payload, Rows[id].Raw, Fields);
        return error is null ? mapping with { Payload = payload } : mapping with { Payload = null, Error = error };
    }
}
