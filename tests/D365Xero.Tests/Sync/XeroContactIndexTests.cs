using D365Xero.Sync;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Tests.Sync;

/// <summary>First-sync matching's index: by number, account number and cleaned name (case aside), active contacts only by name.</summary>
public sealed class XeroContactIndexTests
{
    private static XeroContact Contact(string name, string status = "ACTIVE", string? number = null) =>
        new() { ContactID = Guid.NewGuid(), Name = name, ContactStatus = status, ContactNumber = number };

    [Fact]
    public void Names_match_without_regard_to_case_or_extra_spaces_and_only_active_contacts_count()
    {
        var index = new XeroContactIndex();
        var first = Contact("Coho Winery");
        var second = Contact("COHO  WINERY ");
        var archived = Contact("coho winery", "ARCHIVED");
        index.Add(first);
        index.Add(second);
        index.Add(archived);

        Assert.Equal(new[] { first.ContactID, second.ContactID }, index.ActiveByName("coho winery").Select(c => c.ContactID));
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void Removing_the_first_of_a_name_leaves_the_next_findable_and_a_renamed_contact_moves()
    {
        var index = new XeroContactIndex();
        var first = Contact("Fabrikam", number: "ACC-1");
        var second = Contact("Fabrikam");
        index.Add(first);
        index.Add(second);

        // Adding a contact again (our own write) replaces what was known of it.
        index.Add(first with { Name = "Fabrikam Ltd" });

        Assert.Equal(new[] { second.ContactID }, index.ActiveByName("Fabrikam").Select(c => c.ContactID));
        Assert.Equal(first.ContactID, index.ActiveByName("fabrikam ltd").Single().ContactID);
        Assert.Equal(first.ContactID, index.ByContactNumber("acc-1")?.ContactID);
    }

    [Fact]
    public void A_lookup_gives_what_matching_reads_and_nothing_else_of_the_contact()
    {
        var index = new XeroContactIndex();
        var whole = new XeroContact
        {
            ContactID = Guid.NewGuid(), ContactNumber = "D365-1", AccountNumber = "ACC-9", Name = "Coho Winery", ContactStatus = new string("ARCHIVED".AsSpan()),
            EmailAddress = "info@coho.example", Phones = [new XeroPhone { PhoneType = "DEFAULT", PhoneNumber = "555" }],
        };
        index.Add(whole);

        var found = index.ByContactNumber("d365-1");

        Assert.Equal(new XeroContact { ContactID = whole.ContactID, ContactNumber = "D365-1", AccountNumber = "ACC-9", Name = "Coho Winery", ContactStatus = "ARCHIVED" }, found);
        Assert.Equal(found, index.ByAccountNumber(" ACC-9 "));
        Assert.Empty(index.ActiveByName("Coho Winery"));
        // Xero's answers give every contact its own copy of its status; the index keeps one.
        Assert.Same("ARCHIVED", found!.ContactStatus);
    }
}
