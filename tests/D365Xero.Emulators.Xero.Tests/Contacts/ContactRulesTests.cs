using System.Net;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Contacts;

public sealed class ContactRulesTests
{
    private const string Contacts = "/api.xro/2.0/Contacts";

    [Fact]
    public async Task Name_is_required_to_create()
    {
        await using var host = await XeroTestHost.StartAsync();
        var reply = await host.Put(Contacts, new { Contacts = new[] { new { EmailAddress = "a@b.c" } } });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("The contact name must be specified.", reply.Messages());
    }

    [Fact]
    public async Task Name_must_be_unique_among_active_contacts()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.CreateContact(new { Name = "Buzz Lightyear" });

        var reply = await host.Put(Contacts, new { Contacts = new[] { new { Name = "Buzz Lightyear" } } });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(10, reply.Body!["ErrorNumber"]!.GetValue<int>());
        Assert.Equal("ValidationException", reply.Body["Type"]!.GetValue<string>());
        Assert.Equal(["The contact name Buzz Lightyear is already assigned to another contact. The contact name must be unique across all active contacts."], reply.Messages());
    }

    [Fact]
    public async Task Archived_contact_frees_its_name_but_cannot_be_restored_while_another_active_contact_has_it()
    {
        await using var host = await XeroTestHost.StartAsync();
        var old = await host.CreateContact(new { Name = "Acme" });
        var id = old["ContactID"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await host.Post(Contacts, new { Contacts = new[] { new { ContactID = id, ContactStatus = "ARCHIVED" } } })).Status);
        await host.CreateContact(new { Name = "Acme" });

        var restore = await host.Post($"{Contacts}/{id}", new { Contacts = new[] { new { ContactStatus = "ACTIVE" } } });

        Assert.Equal(HttpStatusCode.BadRequest, restore.Status);
        Assert.Contains("The contact name Acme is already assigned to another contact. The contact name must be unique across all active contacts.", restore.Messages());
    }

    [Fact]
    public async Task Payment_terms_are_kept_and_need_a_day_from_0_to_31_and_one_of_xeros_types()
    {
        await using var host = await XeroTestHost.StartAsync();
        var kept = await host.CreateContact(new { Name = "Terms Ltd", PaymentTerms = new { Sales = new { Day = 20, Type = "OFFOLLOWINGMONTH" } } });

        var reply = await host.Put(Contacts, new { Contacts = new[] { new { Name = "Bad Terms", PaymentTerms = new { Sales = new { Day = 40, Type = "NET30" } } } } });

        Assert.Equal("20 OFFOLLOWINGMONTH", $"{kept["PaymentTerms"]!["Sales"]!["Day"]} {kept["PaymentTerms"]!["Sales"]!["Type"]}");
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(["Payment terms day 40 is not valid. Use a day from 0 to 31.", "Payment terms type 'NET30' is not valid."], reply.Messages());
    }

    [Fact]
    public async Task ContactNumber_must_be_unique()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.CreateContact(new { Name = "One", ContactNumber = "D365-1" });

        var reply = await host.Put(Contacts, new { Contacts = new[] { new { Name = "Two", ContactNumber = "D365-1" } } });

        Assert.Equal(["The contact number D365-1 is already assigned to another contact."], reply.Messages());
    }

    [Fact]
    public async Task AccountNumber_must_be_unique()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.CreateContact(new { Name = "One", AccountNumber = "ACC-1" });

        var reply = await host.Put(Contacts, new { Contacts = new[] { new { Name = "Two", AccountNumber = "ACC-1" } } });

        Assert.Equal(["The Account Number already exists. Please enter a different Account Number."], reply.Messages());
    }

    [Theory]
    [InlineData("Name", 255, "Contact Name must not be more than 255 characters long.")]
    [InlineData("ContactNumber", 50, "ContactNumber must not be more than 50 characters long.")]
    [InlineData("AccountNumber", 50, "AccountNumber must not be more than 50 characters long.")]
    [InlineData("FirstName", 255, "FirstName must not be more than 255 characters long.")]
    [InlineData("LastName", 255, "LastName must not be more than 255 characters long.")]
    [InlineData("EmailAddress", 255, "EmailAddress must not be more than 255 characters long.")]
    public async Task Field_longer_than_its_maximum_is_rejected(string field, int max, string message)
    {
        await using var host = await XeroTestHost.StartAsync();
        var contact = new Dictionary<string, string> { ["Name"] = "Long fields" };
        contact[field] = new string('x', max + 1);

        var atMax = new Dictionary<string, string>(contact) { [field] = new string('y', max) };
        if (field != "Name") atMax["Name"] = "At max";
        var reply = await host.Put(Contacts, new { Contacts = new[] { contact } });
        var ok = await host.Put(Contacts, new { Contacts = new[] { atMax } });

        Assert.Equal([message], reply.Messages());
        Assert.Equal(HttpStatusCode.OK, ok.Status);
    }

    [Fact]
    public async Task Address_and_phone_lengths_are_checked()
    {
        await using var host = await XeroTestHost.StartAsync();
        var reply = await host.Put(Contacts, new
        {
            Contacts = new[]
            {
                new
                {
                    Name = "Addressed",
                    Addresses = new[] { new { AddressType = "STREET", City = new string('c', 256), PostalCode = new string('p', 51) } },
                    Phones = new[] { new { PhoneType = "DEFAULT", PhoneNumber = new string('1', 51), PhoneAreaCode = new string('2', 11) } },
                },
            },
        });

        Assert.Equal(
            ["City must not be more than 255 characters long.", "PostalCode must not be more than 50 characters long.",
             "PhoneNumber must not be more than 50 characters long.", "PhoneAreaCode must not be more than 10 characters long."],
            reply.Messages());
    }

    [Fact]
    public async Task Name_with_angle_brackets_is_rejected()
    {
        await using var host = await XeroTestHost.StartAsync();
        var reply = await host.Put(Contacts, new { Contacts = new[] { new { Name = "Test (test > test)" } } });

        Assert.Equal(["The contact name must not contain the characters < or >."], reply.Messages());
    }

    [Fact]
    public async Task At_most_five_contact_persons()
    {
        await using var host = await XeroTestHost.StartAsync();
        var persons = Enumerable.Range(1, 6).Select(i => new { FirstName = $"P{i}", EmailAddress = $"p{i}@x.test" }).ToArray();

        var six = await host.Put(Contacts, new { Contacts = new[] { new { Name = "Crowded", ContactPersons = persons } } });
        var five = await host.Put(Contacts, new { Contacts = new[] { new { Name = "Full", ContactPersons = persons[..5] } } });

        Assert.Equal(["A contact can have at most 5 contact persons."], six.Messages());
        Assert.Equal(HttpStatusCode.OK, five.Status);
    }

    [Fact]
    public async Task Update_keeps_omitted_fields_but_replaces_the_whole_ContactPersons_list()
    {
        await using var host = await XeroTestHost.StartAsync();
        var created = await host.CreateContact(new
        {
            Name = "Persons Ltd",
            EmailAddress = "office@persons.test",
            ContactPersons = new[] { new { FirstName = "Ann" }, new { FirstName = "Bob" } },
        });
        var id = created["ContactID"]!.GetValue<string>();

        var updated = await host.Post(Contacts, new { Contacts = new[] { new { ContactID = id, ContactPersons = new[] { new { FirstName = "Cid" } } } } });

        var contact = updated.Body!["Contacts"]![0]!;
        Assert.Equal("office@persons.test", contact["EmailAddress"]!.GetValue<string>());
        Assert.Equal("Persons Ltd", contact["Name"]!.GetValue<string>());
        Assert.Equal(["Cid"], contact["ContactPersons"]!.AsArray().Select(p => p!["FirstName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Contacts_cannot_be_deleted()
    {
        await using var host = await XeroTestHost.StartAsync();
        var created = await host.CreateContact(new { Name = "Forever" });

        var reply = await host.Send(HttpMethod.Delete, $"{Contacts}/{created["ContactID"]}", null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
    }

    [Fact]
    public async Task Put_is_create_only_and_post_updates_by_ContactID()
    {
        await using var host = await XeroTestHost.StartAsync();
        var created = await host.CreateContact(new { Name = "Before", ContactNumber = "N-1" });

        var put = await host.Put(Contacts, new { Contacts = new[] { new { Name = "Before", ContactNumber = "N-1" } } });
        var post = await host.Post(Contacts, new { Contacts = new[] { new { ContactID = created["ContactID"]!.GetValue<string>(), Name = "After" } } });

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("After", post.Body!["Contacts"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal("N-1", post.Body["Contacts"]![0]!["ContactNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Website_is_read_only_and_ignored_on_write()
    {
        await using var host = await XeroTestHost.StartAsync();
        var created = await host.CreateContact(new { Name = "Web", Website = "http://example.test" });

        Assert.Null(created["Website"]);
    }

    [Fact]
    public async Task Get_by_ContactNumber_or_id_and_404_when_missing()
    {
        await using var host = await XeroTestHost.StartAsync();
        var created = await host.CreateContact(new { Name = "Keyed", ContactNumber = "D365-abc" });

        var byNumber = await host.Get($"{Contacts}/D365-abc");
        var byId = await host.Get($"{Contacts}/{created["ContactID"]}");
        var missing = await host.Get($"{Contacts}/{Guid.NewGuid()}");

        Assert.Equal("Keyed", byNumber.Body!["Contacts"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal("Keyed", byId.Body!["Contacts"]![0]!["Name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }
}
