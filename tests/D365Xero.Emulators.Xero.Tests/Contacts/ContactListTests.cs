using System.Net;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Contacts;

public sealed class ContactListTests
{
    private const string Contacts = "/api.xro/2.0/Contacts";

    [Fact]
    public async Task Pages_carry_a_pagination_object()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.Put(Contacts, new { Contacts = Enumerable.Range(1, 5).Select(i => new { Name = $"C{i}" }).ToArray() });

        var reply = await host.Get($"{Contacts}?page=2&pageSize=2");

        Assert.Equal(["C3", "C4"], reply.Body!["Contacts"]!.AsArray().Select(c => c!["Name"]!.GetValue<string>()));
        var pagination = reply.Body["pagination"]!;
        Assert.Equal(2, pagination["page"]!.GetValue<int>());
        Assert.Equal(2, pagination["pageSize"]!.GetValue<int>());
        Assert.Equal(3, pagination["pageCount"]!.GetValue<int>());
        Assert.Equal(5, pagination["itemCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Archived_contacts_are_listed_only_with_includeArchived()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");

        var active = await host.Get(Contacts);
        var all = await host.Get($"{Contacts}?includeArchived=true");

        Assert.DoesNotContain("Old Customer Ltd", active.Body!["Contacts"]!.AsArray().Select(c => c!["Name"]!.GetValue<string>()));
        Assert.Contains("Old Customer Ltd", all.Body!["Contacts"]!.AsArray().Select(c => c!["Name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Where_with_equals_joined_by_AND_filters()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");

        var reply = await host.Get($"{Contacts}?where={Uri.EscapeDataString("AccountNumber==\"CONT-0002\" AND ContactStatus==\"ACTIVE\"")}");

        Assert.Equal(["Contoso Pharmaceuticals"], reply.Body!["Contacts"]!.AsArray().Select(c => c!["Name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Where_that_cannot_be_parsed_is_a_QueryParseException()
    {
        await using var host = await XeroTestHost.StartAsync();

        var reply = await host.Get($"{Contacts}?where={Uri.EscapeDataString("Name.Contains(\"x\")")}");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(16, reply.Body!["ErrorNumber"]!.GetValue<int>());
        Assert.Equal("QueryParseException", reply.Body["Type"]!.GetValue<string>());
    }

    [Fact]
    public async Task SearchTerm_and_IDs_filter()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var fabrikam = (await host.Get($"{Contacts}?searchTerm=fabri")).Body!["Contacts"]!.AsArray().Single()!;

        var byIds = await host.Get($"{Contacts}?IDs={fabrikam["ContactID"]}");

        Assert.Equal("Fabrikam, Inc.", fabrikam["Name"]!.GetValue<string>());
        Assert.Single(byIds.Body!["Contacts"]!.AsArray());
    }
}
