using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Errors;
using D365Xero.Tests.Source.Dataverse.Fakes;

namespace D365Xero.Tests.Source.Dataverse;

public sealed class DataverseClientTests
{
    [Fact]
    public async Task Query_follows_nextLink_unchanged_and_asks_for_the_same_page_size()
    {
        var h = new DataverseHarness();
        var page1 = Samples.Read("query-contacts-page1-with-nextlink.json");
        var nextLink = JsonNode.Parse(page1)!["@odata.nextLink"]!.GetValue<string>();
        h.Fake.Enqueue(page1).Enqueue("""{"value":[{"fullname":"Third","contactid":"d5026a4d-d01c-ed11-b83e-000d3a572421"}]}""");

        var rows = await h.Client.QueryAsync("contacts?$select=fullname").CollectAsync();

        Assert.Equal(["Yvonne McKay (sample)", "Susanna Stubberod (sample)", "Third"], rows.Select(r => r["fullname"]!.GetValue<string>()));
        Assert.Equal(2, h.Fake.Requests.Count);
        Assert.Equal(nextLink, h.Fake.Requests[1].Uri.AbsoluteUri);
        Assert.All(h.Fake.Requests, r => Assert.Contains("odata.maxpagesize=5000", r.Header("Prefer")));
    }

    [Fact]
    public async Task Query_asks_for_lookup_logical_names_so_polymorphic_lookups_can_be_resolved()
    {
        var h = new DataverseHarness(o => o.PageSize = 100);
        h.Fake.Enqueue(Samples.Read("query-accounts-lookup-annotations.json"));

        var rows = await h.Client.QueryAsync("accounts?$select=name,_ownerid_value").CollectAsync();

        Assert.Equal("team", rows[0]["_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!.GetValue<string>());
        var prefer = h.Fake.Requests[0].Header("Prefer");
        Assert.Contains("odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\"", prefer);
        Assert.Contains("odata.maxpagesize=100", prefer);
        Assert.Equal("accounts?$select=name,_ownerid_value", h.Fake.Requests[0].Relative);
    }

    [Fact]
    public async Task NextLink_to_another_host_is_refused_so_the_token_never_leaves_the_organisation()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue("""{"value":[],"@odata.nextLink":"https://evil.example.com/api/data/v9.2/contacts?$skiptoken=1"}""");

        var e = await Assert.ThrowsAsync<RemoteApiException>(() => h.Client.QueryAsync("contacts?$select=fullname").CollectAsync());

        Assert.Equal(ErrorKind.Permanent, e.Kind);
        Assert.Single(h.Fake.Requests);
    }

    [Fact]
    public async Task Get_reads_one_row_by_id_with_the_selected_columns()
    {
        var h = new DataverseHarness();
        var id = Guid.Parse("78914942-34cb-ed11-b596-0022481d68cd");
        var row = JsonNode.Parse(Samples.Read("query-accounts-formatted-values.json"))!["value"]![0]!.ToJsonString();
        h.Fake.Enqueue(row);

        var account = await h.Client.GetAsync("accounts", id, "name, revenue");

        Assert.Equal("Litware, Inc. (sample)", account!["name"]!.GetValue<string>());
        Assert.Equal("accounts(78914942-34cb-ed11-b596-0022481d68cd)?$select=name,revenue", h.Fake.Requests[0].Relative);
    }

    [Fact]
    public async Task Get_of_a_missing_row_returns_null()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.NotFound, Samples.Read("error-404-patch-if-match-star-not-found.json"));

        Assert.Null(await h.Client.GetAsync("accounts", Guid.Parse("00000000-0000-0000-0000-000000000001"), "name"));
    }

    [Fact]
    public async Task Unknown_column_in_a_query_is_a_permanent_error_with_Dataverse_message()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.BadRequest, Samples.Read("error-400-select-could-not-find-property-named.json"));

        var e = await Assert.ThrowsAsync<RemoteApiException>(() => h.Client.QueryAsync("campaigns?$select=fullname").CollectAsync());

        Assert.Equal(ErrorKind.Permanent, e.Kind);
        Assert.Contains("Could not find a property named 'fullname'", e.Message);
    }

    [Fact]
    public async Task WhoAmI_reads_the_application_user()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue("""{"@odata.context":"x","BusinessUnitId":"e2b9dd85-e89e-e711-8122-000d3aa2331c","UserId":"75c2dd85-e89e-e711-8122-000d3aa2331c","OrganizationId":"b2a9b5b1-1b1c-4b5e-9d3c-1f6f8d1e2a3b"}""");

        var me = await h.Client.WhoAmIAsync();

        Assert.Equal(Guid.Parse("75c2dd85-e89e-e711-8122-000d3aa2331c"), me.UserId);
        Assert.Equal("WhoAmI", h.Fake.Requests[0].Relative);
    }
}
