using System.Net;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse.Tests;

public sealed class ChangeTrackingTests
{
    private static readonly (string, string) Track = ("Prefer", "odata.track-changes");

    [Fact]
    public async Task Initial_request_returns_rows_and_delta_link()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        using var response = await emulator.SendAsync(HttpMethod.Get, "accounts?$select=name,accountnumber,telephone1,fax", null, Track);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("odata.track-changes", response.Headers.GetValues("Preference-Applied").Single());
        Assert.Equal(30, json["value"]!.AsArray().Count);
        var deltaLink = json["@odata.deltaLink"]!.GetValue<string>();
        Assert.Contains("accounts?$select=name,accountnumber,telephone1,fax&$deltatoken=", deltaLink);
        Assert.Contains("%21", deltaLink); // the "!" between version and timestamp is URL-encoded
    }

    [Fact]
    public async Task Delta_returns_updates_in_version_order_then_deletes()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        var initial = await emulator.GetJsonAsync("accounts?$select=name,telephone1", Track);
        var rows = initial["value"]!.AsArray();
        var first = rows[0]!["accountid"]!.GetValue<string>();
        var second = rows[1]!["accountid"]!.GetValue<string>();
        var third = rows[2]!["accountid"]!.GetValue<string>();
        using (await emulator.SendAsync(HttpMethod.Patch, $"accounts({second})", new { telephone1 = "555000" })) { }
        using (await emulator.SendAsync(HttpMethod.Patch, $"accounts({first})", new { telephone1 = "555001" })) { }
        using (await emulator.SendAsync(HttpMethod.Delete, $"accounts({third})")) { }

        var delta = await emulator.GetJsonAsync(initial["@odata.deltaLink"]!.GetValue<string>());
        Assert.EndsWith("$metadata#accounts(name,telephone1)/$delta", delta["@odata.context"]!.GetValue<string>());
        var value = delta["value"]!.AsArray();
        Assert.Equal(second, value[0]!["accountid"]!.GetValue<string>());
        Assert.Equal("555000", value[0]!["telephone1"]!.GetValue<string>());
        Assert.Equal(first, value[1]!["accountid"]!.GetValue<string>());
        var deleted = value[2]!.AsObject();
        Assert.Equal(["@odata.context", "id", "reason"], deleted.Select(p => p.Key));
        Assert.EndsWith("$metadata#accounts/$deletedEntity", deleted["@odata.context"]!.GetValue<string>());
        Assert.Equal(third, deleted["id"]!.GetValue<string>());
        Assert.Equal("deleted", deleted["reason"]!.GetValue<string>());

        var quiet = await emulator.GetJsonAsync(delta["@odata.deltaLink"]!.GetValue<string>());
        Assert.Empty(quiet["value"]!.AsArray());
    }

    [Fact]
    public async Task Row_created_and_deleted_between_polls_appears_as_delete()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var initial = await emulator.GetJsonAsync("contacts?$select=fullname", Track);
        var id = await emulator.CreateAsync("contacts", new { lastname = "Brief" });
        using (await emulator.SendAsync(HttpMethod.Delete, $"contacts({id})")) { }
        var delta = await emulator.GetJsonAsync(initial["@odata.deltaLink"]!.GetValue<string>());
        var only = Assert.Single(delta["value"]!.AsArray());
        Assert.Equal(id.ToString(), only!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Initial_request_pages_and_gives_delta_link_on_last_page()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        var page = await emulator.GetJsonAsync("accounts?$select=name", ("Prefer", "odata.track-changes,odata.maxpagesize=12"));
        var seen = page["value"]!.AsArray().Count;
        Assert.Null(page["@odata.deltaLink"]);
        while (page["@odata.nextLink"] is { } next)
        {
            page = await emulator.GetJsonAsync(next.GetValue<string>(), ("Prefer", "odata.track-changes,odata.maxpagesize=12"));
            seen += page["value"]!.AsArray().Count;
        }
        Assert.Equal(30, seen);
        Assert.NotNull(page["@odata.deltaLink"]);
    }

    [Fact]
    public async Task Token_older_than_expiry_days_is_refused()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        var initial = await emulator.GetJsonAsync("accounts?$select=name", Track);
        emulator.Time.Advance(TimeSpan.FromDays(8));
        emulator.Http.DefaultRequestHeaders.Authorization = new("Bearer", await emulator.TokenAsync());
        using var response = await emulator.SendAsync(HttpMethod.Get, initial["@odata.deltaLink"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Version stamp associated with the client has expired. Please perform a full sync.", (await TestEmulator.ErrorAsync(response))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Control_api_expires_every_issued_token()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        var initial = await emulator.GetJsonAsync("accounts?$select=name", Track);
        using (await emulator.Http.PostAsync("/_emulator/changetracking/expire", null)) { }
        using var response = await emulator.SendAsync(HttpMethod.Get, initial["@odata.deltaLink"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fresh = await emulator.GetJsonAsync("accounts?$select=name", Track);
        using var ok = await emulator.SendAsync(HttpMethod.Get, fresh["@odata.deltaLink"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Theory]
    [InlineData("$filter=statecode eq 0", "$filter")]
    [InlineData("$orderby=name", "$orderby")]
    [InlineData("$expand=primarycontactid", "$expand")]
    [InlineData("$top=5", "$top")]
    public async Task Query_options_are_refused_with_tracking(string option, string name)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.SendAsync(HttpMethod.Get, "accounts?$select=name&" + option, null, Track);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"The \"{name}\" query parameter isn't supported when Change Tracking is enabled.", (await TestEmulator.ErrorAsync(response))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Disabled_table_refuses_tracking_and_metadata_says_so()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using (await emulator.Http.PostAsync("/_emulator/changetracking/product/disable", null)) { }
        using var response = await emulator.SendAsync(HttpMethod.Get, "products?$select=name", null, Track);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var metadata = await emulator.GetJsonAsync("EntityDefinitions(LogicalName='product')?$select=LogicalName,ChangeTrackingEnabled");
        Assert.False(metadata["ChangeTrackingEnabled"]!.GetValue<bool>());
    }
}
