using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Source.Dataverse;
using D365Xero.Tests.Source.Dataverse.Fakes;

namespace D365Xero.Tests.Source.Dataverse;

public sealed class DataverseMetadataTests
{
    private static readonly Guid PublisherId = Guid.Parse("d21aab71-79e7-11dd-8874-00188b01e34f");
    private static readonly Guid SolutionId = Guid.Parse("fd140aaf-4df4-11dd-bd17-0019b9312238");

    [Fact]
    public async Task Column_names_are_read_with_strong_consistency()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue("""{"value":[{"LogicalName":"name","MetadataId":"a1b2c3d4-0000-0000-0000-000000000001"},{"LogicalName":"xero_contactid","MetadataId":"a1b2c3d4-0000-0000-0000-000000000002"}]}""");

        var names = await h.Client.GetAttributeLogicalNamesAsync("account");

        Assert.True(names.SetEquals(["name", "xero_contactid"]));
        Assert.Equal("EntityDefinitions(LogicalName='account')/Attributes?$select=LogicalName", h.Fake.Requests[0].Relative);
        Assert.Equal("Strong", h.Fake.Requests[0].Header("Consistency"));
    }

    [Fact]
    public async Task Change_tracking_flag_and_token_lifetime_are_read_from_metadata_and_organization()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue("""{"ChangeTrackingEnabled":true,"MetadataId":"70816501-edb9-4740-a16c-6a5efbc05d84"}""")
            .Enqueue("""{"value":[{"expirechangetrackingindays":7,"organizationid":"b2a9b5b1-1b1c-4b5e-9d3c-1f6f8d1e2a3b"}]}""");

        Assert.True(await h.Client.GetChangeTrackingEnabledAsync("salesorder"));
        Assert.Equal(7, await h.Client.GetExpireChangeTrackingInDaysAsync());
        Assert.Equal(["EntityDefinitions(LogicalName='salesorder')?$select=ChangeTrackingEnabled", "organizations?$select=expirechangetrackingindays"],
            h.Fake.Requests.Select(r => r.Relative));
    }

    [Fact]
    public async Task Existing_publisher_is_found_by_prefix_and_the_missing_solution_is_created_under_it()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue($$"""{"value":[{"publisherid":"{{PublisherId}}","uniquename":"contoso","customizationprefix":"xero","customizationoptionvalueprefix":10001}]}""")
            .Enqueue("""{"value":[]}""")
            .Enqueue(_ => FakeDataverse.Created("solutions", SolutionId));

        var solution = await h.Client.EnsurePublisherAndSolutionAsync("xero");

        Assert.Equal(new DataverseSolution("d365xero", SolutionId, PublisherId, "xero", 10001, PublisherCreated: false, SolutionCreated: true), solution);
        var r = h.Fake.Requests;
        Assert.Equal("publishers?$select=publisherid,uniquename,customizationprefix,customizationoptionvalueprefix&$filter=customizationprefix eq 'xero'", r[0].Relative);
        Assert.Equal("solutions?$select=solutionid,uniquename&$filter=uniquename eq 'd365xero'", r[1].Relative);
        Assert.Equal(HttpMethod.Post, r[2].Method);
        Assert.Equal("solutions", r[2].Relative);
        Assert.Equal("d365xero", r[2].Json["uniquename"]!.GetValue<string>());
        Assert.Equal($"/publishers({PublisherId})", r[2].Json["publisherid@odata.bind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_publisher_is_created_with_the_prefix_and_an_existing_solution_is_reused()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue("""{"value":[]}""")
            .Enqueue(_ => FakeDataverse.Created("publishers", PublisherId))
            .Enqueue($$"""{"value":[{"solutionid":"{{SolutionId}}","uniquename":"d365xero"}]}""");

        var solution = await h.Client.EnsurePublisherAndSolutionAsync("xero", optionValuePrefix: 72727);

        Assert.True(solution.PublisherCreated);
        Assert.False(solution.SolutionCreated);
        var create = h.Fake.Requests[1];
        Assert.Equal("publishers", create.Relative);
        Assert.Equal("xero", create.Json["customizationprefix"]!.GetValue<string>());
        Assert.Equal(72727, create.Json["customizationoptionvalueprefix"]!.GetValue<int>());
        Assert.Equal(3, h.Fake.Requests.Count);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("1xero")]
    [InlineData("xero_abc")]
    [InlineData("toolongprefix")]
    public async Task Invalid_prefix_is_refused_before_any_request(string prefix)
    {
        var h = new DataverseHarness();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.EnsurePublisherAndSolutionAsync(prefix));

        Assert.Empty(h.Fake.Requests);
    }

    [Fact]
    public async Task String_column_is_created_in_the_solution_with_the_documented_body()
    {
        var h = new DataverseHarness();
        var metadataId = Guid.Parse("f01bef16-287c-e511-80d2-00155d2a68d2");
        h.Fake.Enqueue(_ => FakeDataverse.Response(HttpStatusCode.NoContent, null,
            ("OData-EntityId", $"{FakeDataverse.ApiRoot}EntityDefinitions(LogicalName='account')/Attributes({metadataId})")));

        var id = await h.Client.CreateStringColumnAsync("account", "xero_ContactId", "Xero Contact ID", "The Xero ContactID of this account.",
            100, StringColumnFormat.Text, "d365xero");

        Assert.Equal(metadataId, id);
        var request = Assert.Single(h.Fake.Requests);
        Assert.Equal("EntityDefinitions(LogicalName='account')/Attributes", request.Relative);
        Assert.Equal("d365xero", request.Header("MSCRM.SolutionUniqueName"));
        var body = request.Json;
        Assert.Equal("Microsoft.Dynamics.CRM.StringAttributeMetadata", body["@odata.type"]!.GetValue<string>());
        Assert.Equal("String", body["AttributeType"]!.GetValue<string>());
        Assert.Equal("StringType", body["AttributeTypeName"]!["Value"]!.GetValue<string>());
        Assert.Equal("xero_ContactId", body["SchemaName"]!.GetValue<string>());
        Assert.Equal(100, body["MaxLength"]!.GetValue<int>());
        Assert.Equal("Text", body["FormatName"]!["Value"]!.GetValue<string>());
        Assert.Equal("None", body["RequiredLevel"]!["Value"]!.GetValue<string>());
        var label = body["DisplayName"]!["LocalizedLabels"]![0]!;
        Assert.Equal("Xero Contact ID", label["Label"]!.GetValue<string>());
        Assert.Equal(1033, label["LanguageCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Memo_datetime_and_choice_columns_carry_their_type_specific_properties()
    {
        var h = new DataverseHarness();
        for (var i = 0; i < 3; i++) h.Fake.Enqueue(_ => FakeDataverse.Created("Attributes", Guid.NewGuid()));

        await h.Client.CreateMemoColumnAsync("account", "xero_SyncError", "Xero Sync Error", "Last error.", 2000, "d365xero");
        await h.Client.CreateDateTimeColumnAsync("account", "xero_LastSyncedOn", "Xero Last Synced On", "When.", "d365xero");
        await h.Client.CreatePicklistColumnAsync("account", "xero_SyncStatus", "Xero Sync Status", "State.",
            [new(727270000, "Pending"), new(727270001, "Synced")], "d365xero");

        var (memo, date, choice) = (h.Fake.Requests[0].Json, h.Fake.Requests[1].Json, h.Fake.Requests[2].Json);
        Assert.Equal("Microsoft.Dynamics.CRM.MemoAttributeMetadata", memo["@odata.type"]!.GetValue<string>());
        Assert.Equal("TextArea", memo["Format"]!.GetValue<string>());
        Assert.Equal(2000, memo["MaxLength"]!.GetValue<int>());
        Assert.Equal("Microsoft.Dynamics.CRM.DateTimeAttributeMetadata", date["@odata.type"]!.GetValue<string>());
        Assert.Equal("DateAndTime", date["Format"]!.GetValue<string>());
        Assert.Equal("Microsoft.Dynamics.CRM.PicklistAttributeMetadata", choice["@odata.type"]!.GetValue<string>());
        var options = choice["OptionSet"]!["Options"]!.AsArray();
        Assert.Equal([727270000, 727270001], options.Select(o => o!["Value"]!.GetValue<int>()));
        Assert.Equal("Synced", options[1]!["Label"]!["LocalizedLabels"]![0]!["Label"]!.GetValue<string>());
        Assert.False(choice["OptionSet"]!["IsGlobal"]!.GetValue<bool>());
        Assert.All(h.Fake.Requests, r => Assert.Equal("d365xero", r.Header("MSCRM.SolutionUniqueName")));
    }

    [Fact]
    public async Task Publish_sends_PublishXml_naming_each_table()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.NoContent);

        await h.Client.PublishAsync(["account", "salesorder"]);

        var request = Assert.Single(h.Fake.Requests);
        Assert.Equal("PublishXml", request.Relative);
        Assert.Equal("<importexportxml><entities><entity>account</entity><entity>salesorder</entity></entities></importexportxml>",
            request.Json["ParameterXml"]!.GetValue<string>());
    }
}
