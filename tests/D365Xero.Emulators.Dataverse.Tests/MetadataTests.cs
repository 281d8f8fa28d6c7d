using System.Net;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse.Tests;

public sealed class MetadataTests
{
    private static JsonObject StringColumn(string schemaName) => new()
    {
        ["@odata.type"] = "Microsoft.Dynamics.CRM.StringAttributeMetadata",
        ["AttributeType"] = "String",
        ["SchemaName"] = schemaName,
        ["MaxLength"] = 100,
        ["DisplayName"] = new JsonObject { ["LocalizedLabels"] = new JsonArray(new JsonObject { ["Label"] = "Xero Contact ID", ["LanguageCode"] = 1033 }) },
    };

    [Fact]
    public async Task Synced_tables_have_change_tracking_enabled()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var json = await emulator.GetJsonAsync("EntityDefinitions?$select=LogicalName,ChangeTrackingEnabled&$filter=ChangeTrackingEnabled eq true");
        var names = json["value"]!.AsArray().Select(v => v!["LogicalName"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "account", "contact", "product", "salesorder", "salesorderdetail" }, names);
    }

    [Fact]
    public async Task Custom_column_is_usable_only_after_publish()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using (var created = await emulator.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='account')/Attributes", StringColumn("new_XeroContactId").ToJsonString(), ("MSCRM.SolutionUniqueName", "Default")))
        {
            Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
            Assert.Contains("EntityDefinitions(LogicalName='account')/Attributes(", created.Headers.GetValues("OData-EntityId").Single());
        }
        var attribute = await emulator.GetJsonAsync("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='new_xerocontactid')?$select=LogicalName");
        Assert.Equal("new_xerocontactid", attribute["LogicalName"]!.GetValue<string>());

        using (var early = await emulator.SendAsync(HttpMethod.Post, "accounts", new { name = "A", new_xerocontactid = "x" }))
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);

        using (var publish = await emulator.SendAsync(HttpMethod.Post, "PublishXml", new { ParameterXml = "<importexportxml><entities><entity>account</entity></entities></importexportxml>" }))
            Assert.Equal(HttpStatusCode.NoContent, publish.StatusCode);

        var id = await emulator.CreateAsync("accounts", new { name = "A", new_xerocontactid = "xero-1" });
        var read = await emulator.GetJsonAsync($"accounts({id})?$select=new_xerocontactid");
        Assert.Equal("xero-1", read["new_xerocontactid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Column_needs_publisher_prefix_and_unique_name_and_known_solution()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using (var noPrefix = await emulator.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='account')/Attributes", StringColumn("xero_ContactId").ToJsonString()))
            Assert.Equal(HttpStatusCode.BadRequest, noPrefix.StatusCode);
        using (var unknownSolution = await emulator.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='account')/Attributes", StringColumn("new_A").ToJsonString(), ("MSCRM.SolutionUniqueName", "Nope")))
            Assert.Equal(HttpStatusCode.NotFound, unknownSolution.StatusCode);
        using (var first = await emulator.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='account')/Attributes", StringColumn("new_A").ToJsonString()))
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        using var duplicate = await emulator.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='account')/Attributes", StringColumn("new_A").ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
    }

    [Fact]
    public async Task New_publisher_prefix_can_be_used_through_its_solution()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var publisher = await emulator.CreateAsync("publishers", new { uniquename = "xero", friendlyname = "Xero Connector", customizationprefix = "xero", customizationoptionvalueprefix = 72700 });
        await emulator.CreateAsync("solutions", new Dictionary<string, object> { ["uniquename"] = "XeroConnector", ["friendlyname"] = "Xero Connector", ["version"] = "1.0.0.0", ["publisherid@odata.bind"] = $"/publishers({publisher})" });
        var picklist = new JsonObject
        {
            ["@odata.type"] = "Microsoft.Dynamics.CRM.PicklistAttributeMetadata",
            ["SchemaName"] = "xero_SyncStatus",
            ["OptionSet"] = new JsonObject { ["Options"] = new JsonArray(
                new JsonObject { ["Value"] = 1, ["Label"] = new JsonObject { ["LocalizedLabels"] = new JsonArray(new JsonObject { ["Label"] = "Synced" }) } },
                new JsonObject { ["Value"] = 2, ["Label"] = new JsonObject { ["LocalizedLabels"] = new JsonArray(new JsonObject { ["Label"] = "Failed" }) } }) },
        };
        using (var created = await emulator.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='contact')/Attributes", picklist.ToJsonString(), ("MSCRM.SolutionUniqueName", "XeroConnector")))
            Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        using (await emulator.SendAsync(HttpMethod.Post, "PublishAllXml", "{}")) { }
        using var invalid = await emulator.SendAsync(HttpMethod.Post, "contacts", new { lastname = "L", xero_syncstatus = 7 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        await emulator.CreateAsync("contacts", new { lastname = "L", xero_syncstatus = 2 });
    }
}
