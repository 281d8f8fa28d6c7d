using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Errors;
using D365Xero.Source.Dataverse;
using D365Xero.Tests.Source.Dataverse.Fakes;

namespace D365Xero.Tests.Source.Dataverse;

public sealed class ChangeTrackingTests
{
    private const string Select = "name,accountnumber,telephone1,fax";

    [Fact]
    public async Task First_read_asks_for_tracked_changes_and_pages_of_the_configured_size_on_select_only()
    {
        var h = new DataverseHarness(o => o.PageSize = 2000);
        h.Fake.Enqueue(Samples.Read("changetracking-accounts-initial-response.json"));

        await h.Client.ReadChangesAsync("accounts", Select, deltaLink: null).CollectAsync();

        var request = Assert.Single(h.Fake.Requests);
        Assert.Equal("accounts?$select=name,accountnumber,telephone1,fax", request.Relative);
        var prefer = request.Header("Prefer")!;
        Assert.StartsWith("odata.track-changes,odata.maxpagesize=2000", prefer);
    }

    [Fact]
    public async Task First_read_yields_every_page_and_the_delta_link_only_at_the_end()
    {
        var h = new DataverseHarness();
        var last = Samples.Read("changetracking-accounts-initial-response.json");
        var deltaLink = JsonNode.Parse(last)!["@odata.deltaLink"]!.GetValue<string>();
        var nextLink = FakeDataverse.ApiRoot + "accounts?$select=name,accountnumber,telephone1,fax&$skiptoken=%3Ccookie%20pagenumber=%222%22%20istracking=%22True%22%20/%3E";
        h.Fake.Enqueue($$"""{"value":[{"name":"First","accountid":"11111111-0d87-e711-80e5-00155db19e6d"}],"@odata.nextLink":"{{nextLink}}"}""")
            .Enqueue(last);

        var pages = await h.Client.ReadChangesAsync("accounts", Select, deltaLink: null).CollectAsync();

        Assert.Equal(2, pages.Count);
        Assert.Null(pages[0].DeltaLink);
        Assert.Equal("First", pages[0].Changed.Single()["name"]!.GetValue<string>());
        Assert.Equal(deltaLink, pages[1].DeltaLink);
        Assert.Equal("Monte Orton", pages[1].Changed.Single()["name"]!.GetValue<string>());
        Assert.Equal(nextLink, h.Fake.Requests[1].Uri.AbsoluteUri);
        Assert.Contains("odata.track-changes", h.Fake.Requests[1].Header("Prefer"));
    }

    [Fact]
    public async Task Delta_read_gets_the_stored_link_and_separates_deleted_rows()
    {
        var h = new DataverseHarness();
        var delta = Samples.Read("changetracking-accounts-delta-response-with-deleted.json");
        var storedLink = JsonNode.Parse(Samples.Read("changetracking-accounts-initial-response.json"))!["@odata.deltaLink"]!.GetValue<string>();
        h.Fake.Enqueue(delta);

        var page = Assert.Single(await h.Client.ReadChangesAsync("accounts", Select, storedLink).CollectAsync());

        Assert.Equal(storedLink, h.Fake.Requests[0].Uri.AbsoluteUri);
        Assert.DoesNotContain("odata.track-changes", h.Fake.Requests[0].Header("Prefer"));
        Assert.Equal("60c4e274-0d87-e711-80e5-00155db19e6d", page.Changed.Single()["accountid"]!.GetValue<string>());
        Assert.Equal([Guid.Parse("2e451703-c686-e711-80e5-00155db19e6d")], page.Deleted);
        Assert.Equal(JsonNode.Parse(delta)!["@odata.deltaLink"]!.GetValue<string>(), page.DeltaLink);
    }

    [Fact]
    public async Task Delta_read_with_nothing_changed_keeps_the_stored_link()
    {
        var h = new DataverseHarness();
        var storedLink = FakeDataverse.ApiRoot + "accounts?$select=name&$deltatoken=919042%2108%2f22%2f2017";
        h.Fake.Enqueue(HttpStatusCode.OK, "{}");

        var page = Assert.Single(await h.Client.ReadChangesAsync("accounts", "name", storedLink).CollectAsync());

        Assert.Empty(page.Changed);
        Assert.Empty(page.Deleted);
        Assert.Equal(storedLink, page.DeltaLink);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Gone)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task Expired_token_raises_DeltaTokenExpiredException_without_retrying(HttpStatusCode status)
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(status, """{"error":{"code":"0x80044352","message":"Version stamp associated with the client has expired. Please perform a full sync."}}""");

        var e = await Assert.ThrowsAsync<DeltaTokenExpiredException>(() =>
            h.Client.ReadChangesAsync("accounts", "name", FakeDataverse.ApiRoot + "accounts?$select=name&$deltatoken=1").CollectAsync());

        Assert.Equal("accounts", e.EntitySet);
        Assert.Single(h.Fake.Requests);
    }

    [Theory]
    [InlineData("accounts?$filter=statecode eq 0", "name")]
    [InlineData("accounts", "name&$filter=statecode eq 0")]
    [InlineData("accounts", "name&$orderby=name")]
    [InlineData("accounts", "name&$expand=primarycontactid($select=fullname)")]
    [InlineData("accounts", "name&$top=10")]
    public async Task Tracked_query_refuses_query_options_before_sending_anything(string entitySet, string select)
    {
        var h = new DataverseHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.ReadChangesAsync(entitySet, select, null).CollectAsync());

        Assert.Empty(h.Fake.Requests);
    }

    [Fact]
    public async Task First_read_without_a_delta_link_says_change_tracking_may_be_off()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(Samples.Read("query-accounts-formatted-values.json"));

        var e = await Assert.ThrowsAsync<RemoteApiException>(() => h.Client.ReadChangesAsync("accounts", "name", null).CollectAsync());

        Assert.Equal(ErrorKind.Permanent, e.Kind);
        Assert.Contains("change tracking", e.Message);
    }
}
