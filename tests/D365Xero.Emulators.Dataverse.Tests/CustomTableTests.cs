using System.Net;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse.Tests;

/// <summary>A custom table and a lookup to the sales order made through the metadata Web API, then used like a built-in table.</summary>
public sealed class CustomTableTests
{
    private static JsonObject Label(string text) => new() { ["LocalizedLabels"] = new JsonArray(new JsonObject { ["Label"] = text, ["LanguageCode"] = 1033 }) };

    internal static JsonObject PaymentTable(string schemaName = "new_Payment", string nameSchema = "new_Name") => new()
    {
        ["@odata.type"] = "Microsoft.Dynamics.CRM.EntityMetadata",
        ["SchemaName"] = schemaName,
        ["DisplayName"] = Label("Xero Payment"),
        ["DisplayCollectionName"] = Label("Xero Payments"),
        ["OwnershipType"] = "OrganizationOwned",
        ["HasNotes"] = false,
        ["HasActivities"] = false,
        ["IsActivity"] = false,
        ["Attributes"] = new JsonArray(new JsonObject
        {
            ["@odata.type"] = "Microsoft.Dynamics.CRM.StringAttributeMetadata",
            ["AttributeType"] = "String",
            ["SchemaName"] = nameSchema,
            ["IsPrimaryName"] = true,
            ["MaxLength"] = 100,
            ["FormatName"] = new JsonObject { ["Value"] = "Text" },
            ["DisplayName"] = Label("Name"),
        }),
    };

    internal static JsonObject OrderLookup(string delete = "Cascade") => new()
    {
        ["@odata.type"] = "Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata",
        ["SchemaName"] = "new_salesorder_new_payment",
        ["ReferencedEntity"] = "salesorder",
        ["ReferencedAttribute"] = "salesorderid",
        ["ReferencingEntity"] = "new_payment",
        ["CascadeConfiguration"] = new JsonObject { ["Assign"] = "NoCascade", ["Delete"] = delete, ["Merge"] = "NoCascade", ["Reparent"] = "NoCascade", ["Share"] = "NoCascade", ["Unshare"] = "NoCascade" },
        ["Lookup"] = new JsonObject
        {
            ["@odata.type"] = "Microsoft.Dynamics.CRM.LookupAttributeMetadata",
            ["AttributeType"] = "Lookup",
            ["SchemaName"] = "new_salesorderid",
            ["DisplayName"] = Label("Sales Order"),
        },
    };

    private static async Task PostOkAsync(TestEmulator emulator, string path, JsonObject body, string? solution = null)
    {
        var headers = solution is null ? Array.Empty<(string, string)>() : [("MSCRM.SolutionUniqueName", solution)];
        using var response = await emulator.SendAsync(HttpMethod.Post, path, body.ToJsonString(), headers);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    private static async Task PublishAsync(TestEmulator emulator, string table)
    {
        using var publish = await emulator.SendAsync(HttpMethod.Post, "PublishXml", new { ParameterXml = $"<importexportxml><entities><entity>{table}</entity></entities></importexportxml>" });
        Assert.Equal(HttpStatusCode.NoContent, publish.StatusCode);
    }

    private static async Task<Guid> OrderAsync(TestEmulator emulator, string name = "O")
    {
        var account = await emulator.CreateAsync("accounts", new { name = "Acme" });
        return await emulator.CreateAsync("salesorders", new Dictionary<string, object> { ["name"] = name, ["customerid_account@odata.bind"] = $"/accounts({account})" });
    }

    [Fact]
    public async Task A_table_is_404_before_it_is_created_and_its_entity_set_works_after()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using (var before = await emulator.SendAsync(HttpMethod.Get, "EntityDefinitions(LogicalName='new_payment')"))
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);

        await PostOkAsync(emulator, "EntityDefinitions", PaymentTable(), "Default");

        var definition = await emulator.GetJsonAsync("EntityDefinitions(LogicalName='new_payment')?$select=SchemaName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,IsCustomEntity,OwnershipType");
        Assert.Equal("new_Payment", definition["SchemaName"]!.GetValue<string>());
        Assert.Equal("new_payments", definition["EntitySetName"]!.GetValue<string>());
        Assert.Equal("new_paymentid", definition["PrimaryIdAttribute"]!.GetValue<string>());
        Assert.Equal("new_name", definition["PrimaryNameAttribute"]!.GetValue<string>());
        Assert.True(definition["IsCustomEntity"]!.GetValue<bool>());
        Assert.Equal("OrganizationOwned", definition["OwnershipType"]!.GetValue<string>());

        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add(await emulator.CreateAsync("new_payments", new { new_name = $"Payment {i}" }));
        using (var patch = await emulator.SendAsync(HttpMethod.Patch, $"new_payments({ids[0]})", new { new_name = "Renamed" }))
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        var filtered = await emulator.GetJsonAsync("new_payments?$select=new_name&$filter=new_name eq 'Renamed'");
        Assert.Equal(ids[0].ToString(), Assert.Single(filtered["value"]!.AsArray())!["new_paymentid"]!.GetValue<string>());
        var page = await emulator.GetJsonAsync("new_payments?$select=new_name", ("Prefer", "odata.maxpagesize=2"));
        Assert.Equal(2, page["value"]!.AsArray().Count);
        Assert.NotNull(page["@odata.nextLink"]);
        using (var delete = await emulator.SendAsync(HttpMethod.Delete, $"new_payments({ids[1]})"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var all = await emulator.GetJsonAsync("new_payments?$select=new_name,statecode");
        Assert.Equal(2, all["value"]!.AsArray().Count);
        Assert.All(all["value"]!.AsArray(), r => Assert.Equal(0, r!["statecode"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_table_joins_the_named_solution()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await PostOkAsync(emulator, "EntityDefinitions", PaymentTable(), "Default");
        var metadataId = (await emulator.GetJsonAsync("EntityDefinitions(LogicalName='new_payment')?$select=LogicalName"))["MetadataId"]!.GetValue<string>();
        var components = await emulator.GetJsonAsync($"solutioncomponents?$select=componenttype&$filter=objectid eq '{metadataId}'");
        Assert.Equal(1, Assert.Single(components["value"]!.AsArray())!["componenttype"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_duplicate_table_or_a_schema_name_without_the_publisher_prefix_is_refused()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using (var wrongPrefix = await emulator.SendAsync(HttpMethod.Post, "EntityDefinitions", PaymentTable("xero_Payment", "xero_Name").ToJsonString(), ("MSCRM.SolutionUniqueName", "Default")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongPrefix.StatusCode);
            Assert.Contains("is not prefixed as expected", (await TestEmulator.ErrorAsync(wrongPrefix))["message"]!.GetValue<string>());
        }
        using (var noPrimary = await emulator.SendAsync(HttpMethod.Post, "EntityDefinitions", new JsonObject { ["SchemaName"] = "new_X" }.ToJsonString()))
            Assert.Equal(HttpStatusCode.BadRequest, noPrimary.StatusCode);
        await PostOkAsync(emulator, "EntityDefinitions", PaymentTable());
        using var duplicate = await emulator.SendAsync(HttpMethod.Post, "EntityDefinitions", PaymentTable().ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already exists", (await TestEmulator.ErrorAsync(duplicate))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_lookup_to_the_order_binds_reads_filters_and_cascades_the_delete()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await PostOkAsync(emulator, "EntityDefinitions", PaymentTable());
        await PostOkAsync(emulator, "RelationshipDefinitions", OrderLookup("Cascade"));
        await PublishAsync(emulator, "new_payment");
        var relationship = await emulator.GetJsonAsync("RelationshipDefinitions(SchemaName='new_salesorder_new_payment')");
        Assert.Equal("new_salesorderid", relationship["ReferencingEntityNavigationPropertyName"]!.GetValue<string>());

        var order = await OrderAsync(emulator);
        var other = await OrderAsync(emulator, "Other");
        var payment = await emulator.CreateAsync("new_payments", new Dictionary<string, object> { ["new_name"] = "P", ["new_salesorderid@odata.bind"] = $"/salesorders({order})" });
        await emulator.CreateAsync("new_payments", new Dictionary<string, object> { ["new_name"] = "Q", ["new_salesorderid@odata.bind"] = $"/salesorders({other})" });

        var read = await emulator.GetJsonAsync($"new_payments({payment})?$select=_new_salesorderid_value");
        Assert.Equal(order.ToString(), read["_new_salesorderid_value"]!.GetValue<string>());
        var mine = await emulator.GetJsonAsync($"new_payments?$select=new_name&$filter=_new_salesorderid_value eq {order}");
        Assert.Equal("P", Assert.Single(mine["value"]!.AsArray())!["new_name"]!.GetValue<string>());
        using (var wrongTable = await emulator.SendAsync(HttpMethod.Post, "new_payments", new Dictionary<string, object> { ["new_name"] = "R", ["new_salesorderid@odata.bind"] = $"/accounts({Guid.NewGuid()})" }))
            Assert.Equal(HttpStatusCode.BadRequest, wrongTable.StatusCode);

        using (var delete = await emulator.SendAsync(HttpMethod.Delete, $"salesorders({order})"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using (var gone = await emulator.SendAsync(HttpMethod.Get, $"new_payments({payment})"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Single((await emulator.GetJsonAsync("new_payments?$select=new_name"))["value"]!.AsArray());
    }

    [Fact]
    public async Task RemoveLink_clears_the_lookup_and_Restrict_refuses_the_delete()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await PostOkAsync(emulator, "EntityDefinitions", PaymentTable());
        await PostOkAsync(emulator, "RelationshipDefinitions", OrderLookup("RemoveLink"));
        await PublishAsync(emulator, "new_payment");
        var order = await OrderAsync(emulator);
        var payment = await emulator.CreateAsync("new_payments", new Dictionary<string, object> { ["new_name"] = "P", ["new_salesorderid@odata.bind"] = $"/salesorders({order})" });
        using (await emulator.SendAsync(HttpMethod.Delete, $"salesorders({order})")) { }
        var read = await emulator.GetJsonAsync($"new_payments({payment})?$select=_new_salesorderid_value");
        Assert.Null(read["_new_salesorderid_value"]);

        await using var restricted = await TestEmulator.StartAsync();
        await PostOkAsync(restricted, "EntityDefinitions", PaymentTable());
        await PostOkAsync(restricted, "RelationshipDefinitions", OrderLookup("Restrict"));
        await PublishAsync(restricted, "new_payment");
        var kept = await OrderAsync(restricted);
        await restricted.CreateAsync("new_payments", new Dictionary<string, object> { ["new_name"] = "P", ["new_salesorderid@odata.bind"] = $"/salesorders({kept})" });
        using var refused = await restricted.SendAsync(HttpMethod.Delete, $"salesorders({kept})");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(await restricted.GetJsonAsync($"salesorders({kept})?$select=name"));
    }

    [Fact]
    public async Task An_unknown_relationship_is_404_and_a_duplicate_is_refused()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using (var missing = await emulator.SendAsync(HttpMethod.Get, "RelationshipDefinitions(SchemaName='new_salesorder_new_payment')"))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await PostOkAsync(emulator, "EntityDefinitions", PaymentTable());
        await PostOkAsync(emulator, "RelationshipDefinitions", OrderLookup());
        using var duplicate = await emulator.SendAsync(HttpMethod.Post, "RelationshipDefinitions", OrderLookup().ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
    }

    [Fact]
    public async Task A_table_with_notes_takes_annotations_through_objectid_of_its_name()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var body = PaymentTable();
        body["HasNotes"] = true;
        await PostOkAsync(emulator, "EntityDefinitions", body);
        var payment = await emulator.CreateAsync("new_payments", new { new_name = "P" });
        await emulator.CreateAsync("annotations", new Dictionary<string, object> { ["subject"] = "Remittance", ["objectid_new_payment@odata.bind"] = $"/new_payments({payment})" });
        var notes = await emulator.GetJsonAsync($"annotations?$select=subject,objecttypecode&$filter=_objectid_value eq {payment}");
        Assert.Equal("new_payment", Assert.Single(notes["value"]!.AsArray())!["objecttypecode"]!.GetValue<string>());

        await using var without = await TestEmulator.StartAsync();
        await PostOkAsync(without, "EntityDefinitions", PaymentTable());
        var other = await without.CreateAsync("new_payments", new { new_name = "P" });
        using var refused = await without.SendAsync(HttpMethod.Post, "annotations", new Dictionary<string, object> { ["subject"] = "R", ["objectid_new_payment@odata.bind"] = $"/new_payments({other})" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_custom_table_takes_its_rows_and_lookup_but_a_system_table_cannot_be_deleted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await PostOkAsync(emulator, "EntityDefinitions", PaymentTable());
        await PostOkAsync(emulator, "RelationshipDefinitions", OrderLookup());
        await PublishAsync(emulator, "new_payment");
        var order = await OrderAsync(emulator);
        await emulator.CreateAsync("new_payments", new Dictionary<string, object> { ["new_name"] = "P", ["new_salesorderid@odata.bind"] = $"/salesorders({order})" });

        using (var system = await emulator.SendAsync(HttpMethod.Delete, "EntityDefinitions(LogicalName='salesorder')"))
            Assert.Equal(HttpStatusCode.BadRequest, system.StatusCode);
        using (var delete = await emulator.SendAsync(HttpMethod.Delete, "EntityDefinitions(LogicalName='new_payment')"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using (var gone = await emulator.SendAsync(HttpMethod.Get, "EntityDefinitions(LogicalName='new_payment')"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using (var set = await emulator.SendAsync(HttpMethod.Get, "new_payments"))
            Assert.Equal(HttpStatusCode.NotFound, set.StatusCode);
        using (var relationship = await emulator.SendAsync(HttpMethod.Get, "RelationshipDefinitions(SchemaName='new_salesorder_new_payment')"))
            Assert.Equal(HttpStatusCode.NotFound, relationship.StatusCode);
        // The order no longer has the relationship: deleting it works and touches nothing else.
        using var orderDelete = await emulator.SendAsync(HttpMethod.Delete, $"salesorders({order})");
        Assert.Equal(HttpStatusCode.NoContent, orderDelete.StatusCode);
    }
}
