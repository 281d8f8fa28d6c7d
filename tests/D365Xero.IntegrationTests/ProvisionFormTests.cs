using System.Text.Json.Nodes;
using System.Xml.Linq;
using D365Xero.Hosting;
using D365Xero.WriteBack;
using D365Xero.WriteBack.Forms;

namespace D365Xero.IntegrationTests;

/// <summary>
/// `provision` over real HTTP against the Dataverse emulator: the Xero section on each main form, the Xero views, a second run
/// that changes nothing, a form customised since, and `provision --remove` leaving every form as it was.
/// </summary>
public sealed class ProvisionFormTests
{
    private static readonly string[] SyncedTables = ["account", "contact", "product", "salesorder"];

    private static Provisioning Provisioning(SyncHarness h, params string[] forms) => new(h.Connection.Dataverse, h.Connection.Columns, forms);

    private static async Task<Dictionary<string, (Guid Id, string Name, string Xml)>> MainFormsAsync(SyncHarness h)
    {
        var forms = new Dictionary<string, (Guid, string, string)>();
        foreach (var table in SyncedTables)
        {
            foreach (var form in await h.Connection.Dataverse.GetMainFormsAsync(table, default))
                forms[$"{table}/{form.Name}"] = (form.Id, form.Name, form.FormXml);
        }
        return forms;
    }

    private static IEnumerable<XElement> Sections(string xml) =>
        XElement.Parse(xml).Descendants("section").Where(s => (string?)s.Attribute("name") == XeroFormSection.Name);

    private static IEnumerable<(string? Id, string? Field)> Controls(string xml) =>
        XElement.Parse(xml).Descendants("control").Select(c => ((string?)c.Attribute("id"), (string?)c.Attribute("datafieldname")));

    [Fact]
    public async Task Each_default_main_form_gets_one_read_only_Xero_section_and_keeps_every_control_it_had()
    {
        await using var h = await SyncHarness.StartAsync();
        var before = await MainFormsAsync(h);

        var changes = await Provisioning(h).AddAsync(dryRun: false, default);

        Assert.Contains(changes, c => c.What == "the Xero section to the account form 'Account'");
        var after = await MainFormsAsync(h);
        foreach (var table in SyncedTables)
        {
            var form = after.Single(f => f.Key.StartsWith(table + "/", StringComparison.Ordinal) && Sections(f.Value.Xml).Any()).Value;
            var section = Assert.Single(Sections(form.Xml));
            var expected = h.Connection.Columns.For(table).Select(c => c.LogicalName).ToHashSet();
            var shown = section.Descendants("control").ToList();
            Assert.Equal(expected, shown.Select(c => (string)c.Attribute("datafieldname")!).ToHashSet());
            Assert.All(shown, c => Assert.Equal("true", (string?)c.Attribute("disabled")));
            Assert.Equal("Xero", section.Element("labels")!.Element("label")!.Attribute("description")!.Value);
            var original = before.Single(f => f.Value.Id == form.Id).Value;
            Assert.Superset(Controls(original.Xml).ToHashSet(), Controls(form.Xml).ToHashSet());
            // The order form also gets the Xero payments subgrid (ProvisionPaymentTableTests), one control more.
            Assert.Equal(Controls(original.Xml).Count() + expected.Count + (table == "salesorder" ? 1 : 0), Controls(form.Xml).Count());
        }
        // The account's status comes first, then its Xero id, the error, when, and the link.
        var account = Sections(after["account/Account"].Xml).Single();
        Assert.Equal(["xero_syncstatus", "xero_contactid", "xero_syncerror", "xero_lastsyncedon", "xero_url"],
            account.Descendants("control").Select(c => (string)c.Attribute("datafieldname")!).ToArray());
        // The account's other main form is not the default one: untouched.
        Assert.Equal(before["account/Account for Interactive experience"].Xml, after["account/Account for Interactive experience"].Xml);
    }

    [Fact]
    public async Task A_second_provision_changes_nothing()
    {
        await using var h = await SyncHarness.StartAsync();
        await Provisioning(h).AddAsync(dryRun: false, default);
        var forms = await MainFormsAsync(h);
        var views = await h.Dynamics.QueryAsync("savedqueries?$select=savedqueryid,versionnumber&$filter=contains(name,'Xero')");

        Assert.Empty(await Provisioning(h).AddAsync(dryRun: false, default));

        Assert.Equal(forms, await MainFormsAsync(h));
        var again = await h.Dynamics.QueryAsync("savedqueries?$select=savedqueryid,versionnumber&$filter=contains(name,'Xero')");
        Assert.Equal(views.Select(v => v.ToJsonString()), again.Select(v => v.ToJsonString()));
    }

    [Fact]
    public async Task The_views_list_the_rows_that_failed_and_those_not_yet_in_Xero()
    {
        await using var h = await SyncHarness.StartAsync();
        await Provisioning(h).AddAsync(dryRun: false, default);

        var views = await h.Dynamics.QueryAsync("savedqueries?$select=name,fetchxml,layoutxml,querytype&$filter=returnedtypecode eq 'account'");
        var errors = views.Single(v => v["name"]!.GetValue<string>() == "Accounts with Xero sync errors");
        var fetch = XElement.Parse(errors["fetchxml"]!.GetValue<string>());
        var condition = fetch.Descendants("condition").Single();
        Assert.Equal(("xero_syncstatus", "eq", "Error"), ((string)condition.Attribute("attribute")!, (string)condition.Attribute("operator")!, (string)condition.Attribute("value")!));
        Assert.Equal("true", (string?)fetch.Descendants("order").Single().Attribute("descending"));
        Assert.Contains("xero_syncerror", XElement.Parse(errors["layoutxml"]!.GetValue<string>()).Descendants("cell").Select(c => (string?)c.Attribute("name")));
        Assert.Equal(0, errors["querytype"]!.GetValue<int>());

        var notInXero = views.Single(v => v["name"]!.GetValue<string>() == "Accounts not yet in Xero");
        var pending = XElement.Parse(notInXero["fetchxml"]!.GetValue<string>()).Descendants("condition").Single();
        Assert.Equal(("xero_contactid", "null"), ((string)pending.Attribute("attribute")!, (string)pending.Attribute("operator")!));

        var contactViews = await h.Dynamics.QueryAsync("savedqueries?$select=name&$filter=returnedtypecode eq 'contact'");
        Assert.Contains(contactViews, v => v["name"]!.GetValue<string>() == "Contacts with Xero sync errors");
        Assert.Contains(contactViews, v => v["name"]!.GetValue<string>() == "Contacts not yet in Xero");
    }

    [Fact]
    public async Task A_section_moved_by_an_administrator_stays_where_it_was_put()
    {
        await using var h = await SyncHarness.StartAsync();
        await Provisioning(h).AddAsync(dryRun: false, default);
        var form = (await h.Connection.Dataverse.GetMainFormsAsync("account", default)).Single(f => f.IsDefault);
        var xml = XElement.Parse(form.FormXml);
        var section = Sections(form.FormXml).Single();
        var moved = XElement.Parse(xml.ToString());
        moved.Descendants("section").Single(s => (string?)s.Attribute("name") == XeroFormSection.Name).Remove();
        moved.Descendants("tab").Single(t => (string?)t.Attribute("name") == "DETAILS_TAB").Descendants("sections").First().Add(section);
        await h.Dynamics.UpdateAsync("systemforms", form.Id, new JsonObject { ["formxml"] = moved.ToString(SaveOptions.DisableFormatting) });

        Assert.Empty(await Provisioning(h).AddAsync(dryRun: false, default));

        var now = XElement.Parse((await h.Connection.Dataverse.GetMainFormsAsync("account", default)).Single(f => f.IsDefault).FormXml);
        Assert.Single(now.Descendants("tab").Single(t => (string?)t.Attribute("name") == "DETAILS_TAB").Descendants("section"), s => (string?)s.Attribute("name") == XeroFormSection.Name);
        Assert.Single(now.Descendants("section"), s => (string?)s.Attribute("name") == XeroFormSection.Name);
    }

    [Fact]
    public async Task Forms_named_in_the_settings_get_the_section_instead_of_the_default()
    {
        await using var h = await SyncHarness.StartAsync();
        await Provisioning(h, "Account for Interactive experience").AddAsync(dryRun: false, default);

        var forms = await h.Connection.Dataverse.GetMainFormsAsync("account", default);
        Assert.Single(Sections(forms.Single(f => f.Name == "Account for Interactive experience").FormXml));
        Assert.Empty(Sections(forms.Single(f => f.Name == "Account").FormXml));
        // A table none of the named forms belongs to keeps the default.
        Assert.Single(Sections((await h.Connection.Dataverse.GetMainFormsAsync("contact", default)).Single(f => f.IsDefault).FormXml));
    }

    [Fact]
    public async Task A_dry_run_lists_what_provision_would_do_and_changes_nothing()
    {
        await using var h = await SyncHarness.StartAsync();
        var before = await MainFormsAsync(h);

        var planned = await Provisioning(h).AddAsync(dryRun: true, default);

        Assert.Contains(planned, c => c.Planned == "would create the column account.xero_contactid");
        Assert.Contains(planned, c => c.Planned == "would add the Xero section to the account form 'Account'");
        Assert.Contains(planned, c => c.Planned == "would create the salesorder view 'Orders with Xero sync errors'");
        Assert.Equal(before, await MainFormsAsync(h));
        Assert.NotEmpty(await new ColumnProvisioner(h.Connection.Dataverse, h.Connection.Columns).MissingAsync(default));
        Assert.Empty(await h.Dynamics.QueryAsync("savedqueries?$select=name&$filter=contains(name,'Xero')"));
    }

    [Fact]
    public async Task Remove_leaves_the_forms_as_they_were_and_takes_the_views_and_webhook_away_keeping_the_columns_unless_asked()
    {
        await using var h = await SyncHarness.StartAsync();
        var before = await MainFormsAsync(h);
        await Provisioning(h).AddAsync(dryRun: false, default);
        await WebhookRegistration.RegisterAsync(h.Connection.Dataverse, new Hosting.Web.ServeSettings { WebhookSecret = "s3cret" }, default);
        Assert.NotEmpty(await h.Dynamics.QueryAsync("sdkmessageprocessingsteps?$select=name"));

        var removed = await Provisioning(h).RemoveAsync(dropColumns: false, dryRun: false, default);
        var webhook = await WebhookRegistration.RemoveAsync(h.Connection.Dataverse, dryRun: false, default);

        Assert.Contains(removed, c => c.Done == "removed the Xero section from the account form 'Account'");
        Assert.Contains(removed, c => c.Done == "deleted the account view 'Accounts with Xero sync errors'");
        Assert.Contains("the webhook step 'd365-xero: Update of account'", webhook);
        Assert.Equal(before, await MainFormsAsync(h));
        Assert.Empty(await h.Dynamics.QueryAsync("savedqueries?$select=name&$filter=contains(name,'Xero')"));
        Assert.Empty(await h.Dynamics.QueryAsync("sdkmessageprocessingsteps?$select=name"));
        Assert.Empty(await h.Dynamics.QueryAsync("serviceendpoints?$select=name"));
        Assert.Empty(await new ColumnProvisioner(h.Connection.Dataverse, h.Connection.Columns).MissingAsync(default));

        var dropped = await Provisioning(h).RemoveAsync(dropColumns: true, dryRun: false, default);
        Assert.Contains(dropped, c => c.Done == "deleted the column account.xero_contactid and the values it held");
        Assert.Equal(SyncedTables.Length, (await new ColumnProvisioner(h.Connection.Dataverse, h.Connection.Columns).MissingAsync(default)).Count);
        Assert.Empty(await Provisioning(h).RemoveAsync(dropColumns: true, dryRun: false, default));
    }
}
