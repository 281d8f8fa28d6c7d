using D365Xero.Source.Rows;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Mapping;

/// <summary>
/// Account + its contacts → one Xero contact. Pure: rows in, payload out. The whole contact is
/// always computed, because Xero replaces the ContactPersons list on every update (docs/xero-rules.md#x-contact-persons-replaced; XeroAPI/xero-node#306).
/// </summary>
public static class ContactMapper
{
    /// <summary>Xero keeps at most 5 additional people per contact (docs/xero-rules.md#x-contact-persons-max-5; docs.workato.com/connectors/xero/add-person-contact.html).</summary>
    public const int MaxPeople = 5;

    /// <summary>The external key Xero offers for this (ContactNumber, ≤ 50, API-only; docs/xero-rules.md#x-contact-number-external-key; developer.xero.com/documentation/api/contacts; docs/product-rules.md#p-contact-number).</summary>
    /// <param name="rowId">An account's id, or an individual customer's (a contact's) id.</param>
    public static string ContactNumberOf(Guid rowId) => "D365-" + rowId.ToString("N");

    /// <param name="account">The account; inactive or <paramref name="deleted"/> gives ARCHIVED.</param>
    /// <param name="contacts">Every contact whose parent is the account, plus the primary contact wherever it lives.</param>
    /// <param name="currencyCodes">transactioncurrencyid → ISO code.</param>
    /// <param name="nameSuffix">Set when another account already holds this name in Xero (see <see cref="DisambiguationSuffix"/>).</param>
    public static ContactMapping Map(
        AccountRow account,
        IReadOnlyCollection<ContactRow> contacts,
        IReadOnlyDictionary<Guid, string> currencyCodes,
        string? nameSuffix = null,
        bool deleted = false)
    {
        var warnings = new List<string>();
        var people = new List<PersonOutcome>();
        var baseName = XeroText.Clean(account.Name);
        if (baseName.Length == 0)
        {
            return new ContactMapping(null, "The account has no name; Xero needs a name for every contact.", SkipAll(contacts, account.Id), warnings);
        }
        var name = nameSuffix is null
            ? XeroText.Fit(baseName, 255, "Name", warnings)
            : XeroText.Fit(baseName, 255 - nameSuffix.Length - 1, "Name", warnings) + " " + nameSuffix;

        var primary = account.PrimaryContactId is { } pid ? contacts.FirstOrDefault(c => c.Id == pid && c.IsActive) : null;
        if (primary is not null) people.Add(new PersonOutcome(primary.Id, PersonRole.Primary));

        var others = contacts
            .Where(c => c.ParentAccountId == account.Id && c.Id != primary?.Id)
            .OrderBy(c => c.CreatedOn ?? DateTimeOffset.MaxValue).ThenBy(c => c.Id)
            .ToList();
        var persons = new List<XeroContactPerson>();
        foreach (var contact in others)
        {
            if (!contact.IsActive)
            {
                people.Add(new PersonOutcome(contact.Id, PersonRole.Skipped, "The contact is inactive, so it is not among the Xero contact's people."));
                continue;
            }
            var person = ToPerson(contact, warnings);
            if (person is null)
            {
                people.Add(new PersonOutcome(contact.Id, PersonRole.Skipped, "The contact has no name or e-mail address to send to Xero."));
            }
            else if (persons.Count >= MaxPeople)
            {
                people.Add(new PersonOutcome(contact.Id, PersonRole.Skipped,
                    $"Xero keeps at most {MaxPeople} people besides the primary contact; the {MaxPeople} oldest contacts of this account are sent."));
            }
            else
            {
                persons.Add(person);
                people.Add(new PersonOutcome(contact.Id, PersonRole.Person));
            }
        }

        var payload = new XeroContact
        {
            ContactNumber = ContactNumberOf(account.Id),
            AccountNumber = Sent(XeroText.Fit(account.AccountNumber, 50, "Account number", warnings)),
            Name = name,
            ContactStatus = account.IsActive && !deleted ? "ACTIVE" : "ARCHIVED",
            FirstName = Sent(primary is null ? null : XeroText.Fit(primary.FirstName, 255, "First name", warnings)),
            LastName = Sent(primary is null ? null : XeroText.Fit(primary.LastName, 255, "Last name", warnings)),
            EmailAddress = Sent(primary is not null
                ? XeroText.Email(primary.Email, "Primary contact e-mail", warnings)
                : XeroText.Email(account.Email, "Account e-mail", warnings)),
            DefaultCurrency = account.CurrencyId is { } cid && currencyCodes.TryGetValue(cid, out var iso) ? iso : null,
            // The full list, always: Xero deletes people left out (docs/xero-rules.md#x-contact-persons-replaced; XeroAPI/xero-node#306).
            ContactPersons = persons,
            Phones = Phones(account, warnings),
            Addresses = Addresses(account, warnings),
        };
        return new ContactMapping(payload, null, people, warnings);
    }

    /// <summary>
    /// An individual customer (Sync:StandaloneContacts, docs/product-rules.md#p-individual-customers): a contact without a parent
    /// account → a Xero contact of its own, with no people, keyed by a ContactNumber from the contact's id. Inactive gives ARCHIVED.
    /// </summary>
    public static ContactMapping MapIndividual(ContactRow contact, string? nameSuffix = null)
    {
        var warnings = new List<string>();
        var baseName = XeroText.Clean(contact.FullName is { Length: > 0 } full ? full : $"{contact.FirstName} {contact.LastName}");
        if (baseName.Length == 0)
            return new ContactMapping(null, "The contact has no name; Xero needs a name for every contact.", [], warnings);
        var name = nameSuffix is null
            ? XeroText.Fit(baseName, 255, "Name", warnings)
            : XeroText.Fit(baseName, 255 - nameSuffix.Length - 1, "Name", warnings) + " " + nameSuffix;
        var payload = new XeroContact
        {
            ContactNumber = ContactNumberOf(contact.Id),
            Name = name,
            ContactStatus = contact.IsActive ? "ACTIVE" : "ARCHIVED",
            FirstName = Sent(XeroText.Fit(contact.FirstName, 255, "First name", warnings)),
            LastName = Sent(XeroText.Fit(contact.LastName, 255, "Last name", warnings)),
            EmailAddress = Sent(XeroText.Email(contact.Email, "Contact e-mail", warnings)),
            ContactPersons = [],
        };
        return new ContactMapping(payload, null, [], warnings);
    }

    /// <summary>The suffix an individual customer's name gets when another active Xero contact holds it: the start of its id.</summary>
    public static string IndividualSuffix(Guid contactId) => $"(D365 {contactId.ToString("N")[..8]})";

    /// <summary>
    /// The visible, deterministic suffix for an account whose name another account already holds:
    /// its account number when it has one, else the start of its id. Rule: Xero requires names
    /// unique among active contacts (docs/xero-rules.md#x-contact-name-unique-active; XeroAPI/xero-ruby#13).
    /// </summary>
    public static string DisambiguationSuffix(AccountRow account) =>
        string.IsNullOrWhiteSpace(account.AccountNumber)
            ? $"(D365 {account.Id.ToString("N")[..8]})"
            : $"({XeroText.Clean(account.AccountNumber)})";

    /// <summary>
    /// A mapped field that is empty in Dynamics is sent as an empty string, never left out: Xero keeps
    /// the stored value of a field an update omits (docs/xero-rules.md#x-contact-persons-replaced; XeroAPI/xero-node#306; calcinai/xero-php#736, where a
    /// phone is removed only by sending it empty), so a value cleared in Dynamics would stay in Xero.
    /// </summary>
    private static string Sent(string? value) => value ?? "";

    private static XeroContactPerson? ToPerson(ContactRow contact, List<string> warnings)
    {
        var first = XeroText.Fit(contact.FirstName, 255, "First name", warnings);
        var last = XeroText.Fit(contact.LastName, 255, "Last name", warnings);
        var email = XeroText.Email(contact.Email, "Contact e-mail", warnings);
        if (first is null && last is null && email is null) return null;
        return new XeroContactPerson { FirstName = first, LastName = last, EmailAddress = email, IncludeInEmails = email is not null };
    }

    private static List<XeroPhone> Phones(AccountRow account, List<string> warnings)
    {
        // Both types always, an empty one sent empty, so a number removed in Dynamics is removed in Xero. Rule: PhoneNumber ≤ 50 (spec Phone).
        return
        [
            new XeroPhone { PhoneType = "DEFAULT", PhoneNumber = Sent(XeroText.Fit(account.Telephone, 50, "Telephone", warnings)) },
            new XeroPhone { PhoneType = "FAX", PhoneNumber = Sent(XeroText.Fit(account.Fax, 50, "Fax", warnings)) },
        ];
    }

    private static List<XeroAddress> Addresses(AccountRow account, List<string> warnings)
    {
        // Both types always, an empty one sent empty, for the same reason as phones.
        var none = new PostalAddress(null, null, null, null, null, null, null);
        return [ToAddress("POBOX", account.Address1 ?? none, warnings), ToAddress("STREET", account.Address2 ?? none, warnings)];
    }

    // Rule: AddressLine1–4 ≤ 500, City/Region ≤ 255, PostalCode/Country ≤ 50 (spec Address).
    private static XeroAddress ToAddress(string type, PostalAddress a, List<string> warnings) => new()
    {
        AddressType = type,
        AddressLine1 = Sent(XeroText.Fit(a.Line1, 500, "Address line 1", warnings)),
        AddressLine2 = Sent(XeroText.Fit(a.Line2, 500, "Address line 2", warnings)),
        AddressLine3 = Sent(XeroText.Fit(a.Line3, 500, "Address line 3", warnings)),
        City = Sent(XeroText.Fit(a.City, 255, "City", warnings)),
        Region = Sent(XeroText.Fit(a.Region, 255, "Region", warnings)),
        PostalCode = Sent(XeroText.Fit(a.PostalCode, 50, "Postal code", warnings)),
        Country = Sent(XeroText.Fit(a.Country, 50, "Country", warnings)),
    };

    private static List<PersonOutcome> SkipAll(IEnumerable<ContactRow> contacts, Guid accountId) =>
        contacts.Where(c => c.ParentAccountId == accountId)
            .Select(c => new PersonOutcome(c.Id, PersonRole.Skipped, "Its account could not be sent to Xero."))
            .ToList();
}
