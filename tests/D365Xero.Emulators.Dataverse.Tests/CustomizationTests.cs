using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace D365Xero.Emulators.Dataverse.Tests;

/// <summary>Forms, views and solution components as a new organisation has them, and the rules for changing them.</summary>
public sealed class CustomizationTests
{
    private const string PublishAccount = "<importexportxml><entities><entity>account</entity></entities></importexportxml>";

    [Fact]
    public async Task Each_synced_table_has_one_default_main_form_with_tabs_sections_and_controls()
    {
        await using var emulator = await TestEmulator.StartAsync();
        foreach (var table in new[] { "account", "contact", "product", "salesorder" })
        {
            var forms = (await emulator.GetJsonAsync($"systemforms?$select=formid,name,formxml,isdefault&$filter=objecttypecode eq '{table}' and type eq 2"))["value"]!.AsArray();
            var main = Assert.Single(forms, f => f!["isdefault"]!.GetValue<bool>())!;
            var xml = XElement.Parse(main["formxml"]!.GetValue<string>());
            Assert.Equal("form", xml.Name.LocalName);
            var controls = xml.Descendants("tab").Descendants("section").Descendants("row").Elements("cell").Elements("control").ToList();
            Assert.NotEmpty(controls);
            Assert.All(controls, c => Assert.NotNull(c.Attribute("classid")));
            Assert.All(xml.Descendants("section"), s => Assert.NotNull(s.Attribute("id")));
        }
        var accountForms = (await emulator.GetJsonAsync("systemforms?$select=name&$filter=objecttypecode eq 'account' and type eq 2"))["value"]!.AsArray();
        Assert.Equal(2, accountForms.Count);
    }

    [Fact]
    public async Task Each_synced_table_has_a_public_view()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var views = (await emulator.GetJsonAsync("savedqueries?$select=name,fetchxml,layoutxml&$filter=returnedtypecode eq 'account' and querytype eq 0"))["value"]!.AsArray();
        var view = Assert.Single(views)!;
        Assert.Equal("Active Accounts", view["name"]!.GetValue<string>());
        Assert.Equal("account", XElement.Parse(view["fetchxml"]!.GetValue<string>()).Element("entity")!.Attribute("name")!.Value);
    }

    [Fact]
    public async Task A_custom_column_on_a_form_cannot_be_deleted_until_the_form_no_longer_shows_it()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var column = new JsonObject
        {
            ["@odata.type"] = "Microsoft.Dynamics.CRM.StringAttributeMetadata", ["SchemaName"] = "new_Code", ["MaxLength"] = 100,
        };
        using (var created = await emulator.SendAsync(HttpMethod.Post, "EntityDefinitions(LogicalName='account')/Attributes", column.ToJsonString()))
            Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
        var form = (await emulator.GetJsonAsync("systemforms?$select=formid,formxml&$filter=objecttypecode eq 'account' and isdefault eq true"))["value"]![0]!;
        var original = form["formxml"]!.GetValue<string>();
        var xml = XElement.Parse(original);
        xml.Descendants("rows").First().Add(new XElement("row", new XElement("cell", new XAttribute("id", Guid.NewGuid().ToString("B")),
            new XElement("control", new XAttribute("id", "new_code"), new XAttribute("classid", "{4273EDBD-AC1D-40d3-9FB2-095C621B552D}"), new XAttribute("datafieldname", "new_code")))));
        var formPath = $"systemforms({form["formid"]!.GetValue<string>()})";
        using (var patched = await emulator.SendAsync(HttpMethod.Patch, formPath, new { formxml = xml.ToString(SaveOptions.DisableFormatting) }))
            Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);

        using (var refused = await emulator.SendAsync(HttpMethod.Delete, "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='new_code')"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("cannot be deleted because it is referenced", await refused.Content.ReadAsStringAsync());
        }
        using (var restored = await emulator.SendAsync(HttpMethod.Patch, formPath, new { formxml = original }))
            Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        using (var deleted = await emulator.SendAsync(HttpMethod.Delete, "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='new_code')"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using (var gone = await emulator.SendAsync(HttpMethod.Get, "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='new_code')"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using (var publish = await emulator.SendAsync(HttpMethod.Post, "PublishXml", new { ParameterXml = PublishAccount }))
            Assert.Equal(HttpStatusCode.NoContent, publish.StatusCode);
        await emulator.CreateAsync("accounts", new { name = "Still works" });
    }

    [Fact]
    public async Task A_system_column_cannot_be_deleted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var refused = await emulator.SendAsync(HttpMethod.Delete, "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='fax')");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task A_component_is_added_to_a_solution_once_and_removed_again()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var formId = (await emulator.GetJsonAsync("systemforms?$select=formid&$filter=objecttypecode eq 'account' and isdefault eq true"))["value"]![0]!["formid"]!.GetValue<string>();
        var body = new { ComponentId = formId, ComponentType = 60, SolutionUniqueName = "Default", AddRequiredComponents = false };
        for (var i = 0; i < 2; i++)
        {
            using var added = await emulator.SendAsync(HttpMethod.Post, "AddSolutionComponent", body);
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }
        Assert.Single((await emulator.GetJsonAsync($"solutioncomponents?$select=objectid&$filter=objectid eq '{formId}'"))["value"]!.AsArray());
        using (var removed = await emulator.SendAsync(HttpMethod.Post, "RemoveSolutionComponent", new { ComponentId = formId, ComponentType = 60, SolutionUniqueName = "Default" }))
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty((await emulator.GetJsonAsync($"solutioncomponents?$select=objectid&$filter=objectid eq '{formId}'"))["value"]!.AsArray());
    }
}
