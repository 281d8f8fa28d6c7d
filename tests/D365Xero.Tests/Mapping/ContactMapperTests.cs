using D365Xero.Mapping;
using D365Xero.Source.Rows;

namespace D365Xero.Tests.Mapping;

public sealed class ContactMapperTests
{
    private static readonly Guid Usd = Guid.NewGuid();
    private static readonly IReadOnlyDictionary<Guid, string> Currencies = new Dictionary<Guid, string> { [Usd] = "USD" };
    private static readonly DateTimeOffset Day0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static AccountRow Account(string name = "Fabrikam, Inc.", Guid? primary = null) => new()
    {
        Id = Guid.Parse("7a1b2c3d-0000-4000-8000-000000000001"),
        Name = name,
        AccountNumber = "FAB-001",
        Email = "accounts@fabrikam.example",
        Telephone = "+1 555 0100",
        Fax = "+1 555 0101",
        Address1 = new PostalAddress("PO Box 12", null, null, "Redmond", "WA", "98052", "USA"),
        Address2 = new PostalAddress("1 Main St", "Suite 2", null, "Redmond", "WA", "98052", "USA"),
        PrimaryContactId = primary,
        CurrencyId = Usd,
    };

    private static ContactRow Person(Guid accountId, int day, string first = "Ann", string? email = null, int state = 0) => new()
    {
        Id = Guid.NewGuid(), FirstName = first, LastName = $"Day{day}", Email = email ?? $"{first.ToLowerInvariant()}{day}@fabrikam.example",
        ParentAccountId = accountId, CreatedOn = Day0.AddDays(day), StateCode = state,
    };

    [Fact]
    public void Maps_account_fields_to_the_xero_contact()
    {
        var primary = Person(Account().Id, 1, "Pat");
        var result = ContactMapper.Map(Account(primary: primary.Id), [primary], Currencies);

        var c = result.Payload!;
        Assert.Equal("D365-7a1b2c3d000040008000000000000001", c.ContactNumber);
        Assert.Equal("Fabrikam, Inc.", c.Name);
        Assert.Equal("FAB-001", c.AccountNumber);
        Assert.Equal("ACTIVE", c.ContactStatus);
        Assert.Equal("USD", c.DefaultCurrency);
        Assert.Equal(("Pat", "Day1", "pat1@fabrikam.example"), (c.FirstName, c.LastName, c.EmailAddress));
        Assert.Equal([("DEFAULT", "+1 555 0100"), ("FAX", "+1 555 0101")], c.Phones!.Select(p => (p.PhoneType, p.PhoneNumber)));
        Assert.Equal([("POBOX", "PO Box 12"), ("STREET", "1 Main St")], c.Addresses!.Select(a => (a.AddressType, a.AddressLine1)));
        Assert.Empty(c.ContactPersons!);
        Assert.Equal(PersonRole.Primary, Assert.Single(result.People).Role);
    }

    [Fact]
    public void Without_a_primary_contact_the_account_email_is_the_contact_email()
    {
        var c = ContactMapper.Map(Account(), [], Currencies).Payload!;

        Assert.Equal("", c.FirstName); // sent empty, so a former primary's name is cleared in Xero
        Assert.Equal("accounts@fabrikam.example", c.EmailAddress);
    }

    [Fact]
    public void Sends_the_five_oldest_other_contacts_and_skips_the_rest_with_a_reason()
    {
        var account = Account();
        var contacts = new[] { 6, 2, 4, 1, 5, 3, 7 }.Select(d => Person(account.Id, d)).ToList();

        var result = ContactMapper.Map(account, contacts, Currencies);

        Assert.Equal(["Day1", "Day2", "Day3", "Day4", "Day5"], result.Payload!.ContactPersons!.Select(p => p.LastName));
        var skipped = result.People.Where(p => p.Role == PersonRole.Skipped).ToList();
        Assert.Equal(2, skipped.Count);
        Assert.Contains("at most 5 people", skipped[0].Reason);
        Assert.Equal(contacts.Where(c => c.CreatedOn > Day0.AddDays(5)).Select(c => c.Id).Order(), skipped.Select(s => s.ContactId).Order());
    }

    [Fact]
    public void The_primary_contact_is_not_also_a_contact_person()
    {
        var account = Account();
        var primary = Person(account.Id, 1, "Pat");
        var other = Person(account.Id, 2, "Sam");

        var result = ContactMapper.Map(account with { PrimaryContactId = primary.Id }, [primary, other], Currencies);

        Assert.Equal("Pat", result.Payload!.FirstName);
        Assert.Equal("Sam", Assert.Single(result.Payload.ContactPersons!).FirstName);
    }

    [Fact]
    public void Inactive_or_deleted_accounts_are_archived()
    {
        Assert.Equal("ARCHIVED", ContactMapper.Map(Account() with { StateCode = 1 }, [], Currencies).Payload!.ContactStatus);
        Assert.Equal("ARCHIVED", ContactMapper.Map(Account(), [], Currencies, deleted: true).Payload!.ContactStatus);
    }

    [Fact]
    public void An_account_without_a_name_is_an_error_and_its_contacts_say_why()
    {
        var account = Account("   ");
        var result = ContactMapper.Map(account, [Person(account.Id, 1)], Currencies);

        Assert.Null(result.Payload);
        Assert.Contains("no name", result.Error);
        Assert.Equal(PersonRole.Skipped, Assert.Single(result.People).Role);
    }

    [Fact]
    public void Names_are_cleaned_of_what_xero_refuses()
    {
        var c = ContactMapper.Map(Account("  Tom <&> Jerry\t\u0007 Ltd  "), [], Currencies).Payload!;

        Assert.Equal("Tom (&) Jerry Ltd", c.Name);
    }

    [Fact]
    public void An_email_xero_cannot_take_is_dropped_with_a_warning()
    {
        var result = ContactMapper.Map(Account() with { Email = "jürgen@müller.example" }, [], Currencies);

        Assert.Equal("", result.Payload!.EmailAddress);
        Assert.Contains(result.Warnings, w => w.Contains("not an address Xero accepts"));
    }

    [Fact]
    public void A_same_named_account_gets_a_visible_deterministic_suffix()
    {
        var account = Account("Northwind Traders");

        var first = ContactMapper.Map(account, [], Currencies, ContactMapper.DisambiguationSuffix(account));
        var second = ContactMapper.Map(account, [], Currencies, ContactMapper.DisambiguationSuffix(account));

        Assert.Equal("Northwind Traders (FAB-001)", first.Payload!.Name);
        Assert.Equal(PayloadHash.Of(first.Payload), PayloadHash.Of(second.Payload));
        Assert.Equal("(D365 7a1b2c3d)", ContactMapper.DisambiguationSuffix(account with { AccountNumber = null }));
    }

    [Fact]
    public void A_long_name_is_shortened_to_255_with_a_warning()
    {
        var result = ContactMapper.Map(Account(new string('x', 300)), [], Currencies);

        Assert.Equal(255, result.Payload!.Name!.Length);
        Assert.Contains(result.Warnings, w => w.Contains("255"));
    }

    [Fact]
    public void The_payload_hash_changes_only_when_the_payload_does()
    {
        var a = ContactMapper.Map(Account(), [], Currencies).Payload!;
        var b = ContactMapper.Map(Account(), [], Currencies).Payload!;
        var c = ContactMapper.Map(Account() with { Telephone = "+1 555 0199" }, [], Currencies).Payload!;

        Assert.Equal(PayloadHash.Of(a), PayloadHash.Of(b));
        Assert.NotEqual(PayloadHash.Of(a), PayloadHash.Of(c));
    }
}
