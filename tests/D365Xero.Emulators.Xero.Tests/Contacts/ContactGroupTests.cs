using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Contacts;

/// <summary>Contact groups over HTTP (docs/xero-rules.md#x-contact-groups).</summary>
public sealed class ContactGroupTests
{
    private const string Groups = "/api.xro/2.0/ContactGroups";

    private static async Task<Guid> CreateGroup(XeroTestHost host, string name)
    {
        var reply = await host.Put(Groups, new { ContactGroups = new[] { new { Name = name } } });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Text);
        Assert.Equal("ACTIVE", reply.Body!["ContactGroups"]![0]!["Status"]!.GetValue<string>());
        return Guid.Parse(reply.Body["ContactGroups"]![0]!["ContactGroupID"]!.GetValue<string>());
    }

    private static Guid Id(JsonNode contact) => Guid.Parse(contact["ContactID"]!.GetValue<string>());

    [Fact]
    public async Task Contacts_added_in_one_call_are_listed_by_the_group_and_each_contact_lists_its_group()
    {
        await using var host = await XeroTestHost.StartAsync();
        var retail = await CreateGroup(host, "Retail");
        var a = Id(await host.CreateContact(new { Name = "A Ltd" }));
        var b = Id(await host.CreateContact(new { Name = "B Ltd" }));

        var added = await host.Put($"{Groups}/{retail}/Contacts", new { Contacts = new[] { new { ContactID = a }, new { ContactID = b } } });

        Assert.True(added.Status == HttpStatusCode.OK, added.Text);
        Assert.Equal(2, added.Body!["Contacts"]!.AsArray().Count);
        var group = await host.Get($"{Groups}/{retail}");
        Assert.Equal(["A Ltd", "B Ltd"], group.Body!["ContactGroups"]![0]!["Contacts"]!.AsArray().Select(c => c!["Name"]!.GetValue<string>()));
        var contact = await host.Get($"/api.xro/2.0/Contacts/{a}");
        var groups = contact.Body!["Contacts"]![0]!["ContactGroups"]!.AsArray();
        Assert.Equal("Retail", Assert.Single(groups)!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_contact_removed_from_a_group_no_longer_lists_it_and_a_second_removal_is_404()
    {
        await using var host = await XeroTestHost.StartAsync();
        var trade = await CreateGroup(host, "Trade");
        var a = Id(await host.CreateContact(new { Name = "A Ltd" }));
        await host.Put($"{Groups}/{trade}/Contacts", new { Contacts = new[] { new { ContactID = a } } });

        var removed = await host.Send(HttpMethod.Delete, $"{Groups}/{trade}/Contacts/{a}", null);
        var again = await host.Send(HttpMethod.Delete, $"{Groups}/{trade}/Contacts/{a}", null);

        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        var contact = await host.Get($"/api.xro/2.0/Contacts/{a}");
        Assert.Empty(contact.Body!["Contacts"]![0]!["ContactGroups"]!.AsArray());
        Assert.Empty((await host.Get($"{Groups}/{trade}")).Body!["ContactGroups"]![0]!["Contacts"]!.AsArray());
    }

    [Fact]
    public async Task Group_names_are_unique_among_active_groups()
    {
        await using var host = await XeroTestHost.StartAsync();
        await CreateGroup(host, "Retail");

        var reply = await host.Put(Groups, new { ContactGroups = new[] { new { Name = "retail" } } });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("A Contact Group already exists with this name", reply.Text);
    }

    [Fact]
    public async Task A_deleted_group_is_not_listed_and_refuses_contacts()
    {
        await using var host = await XeroTestHost.StartAsync();
        var old = await CreateGroup(host, "Old");
        await CreateGroup(host, "Retail");
        var a = Id(await host.CreateContact(new { Name = "A Ltd" }));

        var deleted = await host.Post($"{Groups}/{old}", new { ContactGroups = new[] { new { Status = "DELETED" } } });
        var listed = await host.Get($"{Groups}?order={Uri.EscapeDataString("Name DESC")}");
        var added = await host.Put($"{Groups}/{old}/Contacts", new { Contacts = new[] { new { ContactID = a } } });

        Assert.True(deleted.Status == HttpStatusCode.OK, deleted.Text);
        Assert.Equal(["Retail"], listed.Body!["ContactGroups"]!.AsArray().Select(g => g!["Name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, added.Status);
        Assert.Contains("has been deleted", added.Text);
    }

    [Fact]
    public async Task An_archived_contact_cannot_be_assigned()
    {
        await using var host = await XeroTestHost.StartAsync();
        var retail = await CreateGroup(host, "Retail");
        var a = Id(await host.CreateContact(new { Name = "A Ltd", ContactStatus = "ARCHIVED" }));

        var added = await host.Put($"{Groups}/{retail}/Contacts", new { Contacts = new[] { new { ContactID = a } } });

        Assert.Equal(HttpStatusCode.BadRequest, added.Status);
        Assert.Contains("Unable to assign an Archived contact.", added.Text);
    }

    [Fact]
    public async Task Groups_are_filtered_with_where_and_ordered()
    {
        await using var host = await XeroTestHost.StartAsync();
        await CreateGroup(host, "Trade");
        await CreateGroup(host, "Retail");

        var ordered = await host.Get($"{Groups}?order={Uri.EscapeDataString("Name ASC")}");
        var filtered = await host.Get($"{Groups}?where={Uri.EscapeDataString("Name==\"Trade\"")}");

        Assert.Equal(["Retail", "Trade"], ordered.Body!["ContactGroups"]!.AsArray().Select(g => g!["Name"]!.GetValue<string>()));
        Assert.Equal(["Trade"], filtered.Body!["ContactGroups"]!.AsArray().Select(g => g!["Name"]!.GetValue<string>()));
    }
}
