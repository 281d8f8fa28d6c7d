using System.Text.Json.Nodes;
using System.Xml.Linq;
using D365Xero.WriteBack;
using D365Xero.WriteBack.Forms;

namespace D365Xero.IntegrationTests;

/// <summary>
/// `provision` creates the connector's payments table over real HTTP against the Dataverse emulator, in the connector's solution,
/// with its lookup to the sales order; a second run changes nothing, and a dry run only says what it would create.
/// </summary>
public sealed class ProvisionPaymentTableTests
{
    private static Provisioning Provisioning(SyncHarness h) => new(h.Connection.Dataverse, h.Connection.Columns, []);

    [Fact]
    public async Task Provision_creates_the_payments_table_that_takes_rows_linked_to_an_order()
    {
        await using var h = await SyncHarness.StartAsync();
        var payments = PaymentTable.For("xero");

        var changes = await Provisioning(h).AddAsync(dryRun: false, default);

        Assert.Contains(changes, c => c.Done == "created the table xero_payment (Xero Payments, entity set xero_payments)");
        Assert.Contains(changes, c => c.Done == "created the column xero_payment.xero_xeropaymentid");
        Assert.Contains(changes, c => c.Done == "created the lookup xero_payment.xero_salesorderid to salesorder");
        var definition = (await h.Dynamics.QueryAsync("EntityDefinitions?$select=LogicalName,EntitySetName,PrimaryNameAttribute,MetadataId&$filter=LogicalName eq 'xero_payment'")).Single();
        Assert.Equal("xero_payments", definition["EntitySetName"]!.GetValue<string>());
        Assert.Equal("xero_name", definition["PrimaryNameAttribute"]!.GetValue<string>());
        // The table is a component of the connector's solution.
        var solution = (await h.Dynamics.QueryAsync("solutions?$select=solutionid&$filter=uniquename eq 'd365xero'")).Single()["solutionid"]!.GetValue<string>();
        var components = await h.Dynamics.QueryAsync($"solutioncomponents?$select=objectid&$filter=_solutionid_value eq {solution} and componenttype eq 1");
        Assert.Contains(components, c => c["objectid"]!.GetValue<string>() == definition["MetadataId"]!.GetValue<string>());

        var account = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Acme" });
        var order = await h.Dynamics.CreateAsync("salesorders", new JsonObject { ["name"] = "O", ["customerid_account@odata.bind"] = $"/accounts({account})" });
        var id = await h.Dynamics.CreateAsync(payments.EntitySet,
            payments.Row(order, "5b8ab6e0-0f4c-4d8e-8b51-1a2b3c4d5e6f", new DateOnly(2026, 12, 4), 120m, "NZD", "Bank transfer", "AUTHORISED"));
        var row = (await h.Dynamics.QueryAsync($"{payments.EntitySet}?$select={payments.Select}&$filter={payments.OrderFilter(order)}")).Single();
        Assert.Equal(id.ToString(), row[payments.PrimaryId]!.GetValue<string>());
        Assert.Equal("Payment 120.00 on 2026-12-04", row[payments.Name]!.GetValue<string>());
        Assert.Equal("2026-12-04", row[payments.Date]!.GetValue<string>());
        Assert.Equal(120m, row[payments.Amount]!.GetValue<decimal>());
        Assert.Equal("AUTHORISED", row[payments.Status]!.GetValue<string>());
        Assert.Equal(order.ToString(), row[payments.OrderLookupValue]!.GetValue<string>());

        // Deleting the order deletes its payment rows (the relationship cascades).
        await h.Dynamics.DeleteAsync("salesorders", order);
        Assert.Empty(await h.Dynamics.QueryAsync($"{payments.EntitySet}?$select={payments.Name}"));
    }

    [Fact]
    public async Task A_second_provision_leaves_the_payments_table_as_it_is()
    {
        await using var h = await SyncHarness.StartAsync();
        await Provisioning(h).AddAsync(dryRun: false, default);
        var attributes = await h.Dynamics.QueryAsync("EntityDefinitions(LogicalName='xero_payment')/Attributes?$select=LogicalName,MetadataId");

        Assert.Empty(await Provisioning(h).AddAsync(dryRun: false, default));

        var again = await h.Dynamics.QueryAsync("EntityDefinitions(LogicalName='xero_payment')/Attributes?$select=LogicalName,MetadataId");
        Assert.Equal(attributes.Select(a => a.ToJsonString()), again.Select(a => a.ToJsonString()));
        Assert.Single(await h.Dynamics.QueryAsync("EntityDefinitions?$select=LogicalName&$filter=LogicalName eq 'xero_payment'"));
    }

    [Fact]
    public async Task A_dry_run_says_it_would_create_the_payments_table_and_creates_nothing()
    {
        await using var h = await SyncHarness.StartAsync();

        var planned = await Provisioning(h).AddAsync(dryRun: true, default);

        Assert.Contains(planned, c => c.Planned == "would create the table xero_payment (Xero Payments, entity set xero_payments)");
        Assert.Contains(planned, c => c.Planned == "would create the column xero_payment.xero_amount");
        Assert.Contains(planned, c => c.Planned == "would create the lookup xero_payment.xero_salesorderid to salesorder");
        Assert.Empty(await h.Dynamics.QueryAsync("EntityDefinitions?$select=LogicalName&$filter=LogicalName eq 'xero_payment'"));
    }

    [Fact]
    public void The_names_follow_the_publisher_prefix()
    {
        var t = PaymentTable.For("acme");
        Assert.Equal(("acme_payment", "acme_payments", "acme_paymentid", "_acme_salesorderid_value"), (t.LogicalName, t.EntitySet, t.PrimaryId, t.OrderLookupValue));
        var bind = t.OrderLookupBind(Guid.Parse("11111111-2222-3333-4444-555555555555"));
        Assert.Equal("acme_salesorderid@odata.bind", bind.Key);
        Assert.Equal("/salesorders(11111111-2222-3333-4444-555555555555)", bind.Value!.GetValue<string>());
        Assert.Equal("Payment 1234.50 on 2026-01-02", PaymentTable.NameOf(1234.5m, new DateOnly(2026, 1, 2)));
    }

    private static async Task<string> OrderFormXmlAsync(SyncHarness h) =>
        (await h.Connection.Dataverse.GetMainFormsAsync("salesorder", default)).Single(f => f.IsDefault).FormXml;

    [Fact]
    public async Task The_order_form_gets_a_Xero_payments_subgrid_after_the_Xero_section_showing_the_payments_view()
    {
        await using var h = await SyncHarness.StartAsync();
        var payments = PaymentTable.For("xero");

        var changes = await Provisioning(h).AddAsync(dryRun: false, default);

        Assert.Contains(changes, c => c.Done == "created the xero_payment view 'Xero payments'");
        Assert.Contains(changes, c => c.Done == "added the Xero payments section to the salesorder form 'Order'");
        var form = XElement.Parse(await OrderFormXmlAsync(h));
        var section = form.Descendants("section").Single(s => (string?)s.Attribute("name") == PaymentsFormSection.Name);
        Assert.Equal(XeroFormSection.Name, (string?)((XElement)section.PreviousNode!).Attribute("name"));
        var grid = section.Descendants("control").Single();
        Assert.Equal(PaymentsFormSection.SubgridClassId, (string?)grid.Attribute("classid"));
        var parameters = grid.Element("parameters")!;
        Assert.Equal(payments.Relationship, parameters.Element("RelationshipName")!.Value);
        Assert.Equal(payments.LogicalName, parameters.Element("TargetEntityType")!.Value);
        var viewId = Guid.Parse(parameters.Element("ViewId")!.Value);
        var view = await h.Dynamics.GetAsync("savedqueries", viewId);
        Assert.Equal("Xero payments", view["name"]!.GetValue<string>());
        Assert.Equal(payments.LogicalName, view["returnedtypecode"]!.GetValue<string>());
        var shown = XElement.Parse(view["layoutxml"]!.GetValue<string>()).Descendants("cell").Select(c => (string)c.Attribute("name")!).ToList();
        Assert.Equal([payments.Name, payments.Date, payments.Amount, payments.Currency, payments.Reference, payments.Status], shown);
    }

    [Fact]
    public async Task Remove_takes_the_subgrid_and_view_away_and_with_columns_the_table()
    {
        await using var h = await SyncHarness.StartAsync();
        var before = await OrderFormXmlAsync(h);
        await Provisioning(h).AddAsync(dryRun: false, default);

        var removed = await Provisioning(h).RemoveAsync(dropColumns: false, dryRun: false, default);

        Assert.Contains(removed, c => c.Done == "removed the Xero payments section from the salesorder form 'Order'");
        Assert.Contains(removed, c => c.Done == "deleted the xero_payment view 'Xero payments'");
        Assert.Equal(before, await OrderFormXmlAsync(h));
        Assert.Single(await h.Dynamics.QueryAsync("EntityDefinitions?$select=LogicalName&$filter=LogicalName eq 'xero_payment'"));

        var dropped = await Provisioning(h).RemoveAsync(dropColumns: true, dryRun: false, default);

        Assert.Contains(dropped, c => c.Done == "deleted the table xero_payment and the payments it held");
        Assert.Empty(await h.Dynamics.QueryAsync("EntityDefinitions?$select=LogicalName&$filter=LogicalName eq 'xero_payment'"));
    }

    [Fact]
    public async Task A_fulfilled_order_refuses_write_back_but_takes_payment_rows_and_the_invoice_pdf()
    {
        await using var h = await SyncHarness.StartAsync(dataverseOptions: o => o.ClosedOrdersReadOnly = true);
        var payments = PaymentTable.For("xero");
        await Provisioning(h).AddAsync(dryRun: false, default);
        var account = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Acme" });
        var order = await h.Dynamics.CreateAsync("salesorders", new JsonObject { ["name"] = "O", ["customerid_account@odata.bind"] = $"/accounts({account})" });
        await h.Dynamics.PostAsync("FulfillSalesOrder", new JsonObject
        {
            ["OrderClose"] = new JsonObject { ["@odata.type"] = "Microsoft.Dynamics.CRM.orderclose", ["salesorderid@odata.bind"] = $"/salesorders({order})", ["subject"] = "Paid in Xero" },
            ["Status"] = 100001,
        });

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => h.Dynamics.UpdateAsync("salesorders", order, new JsonObject { ["xero_syncstatus"] = "Synced" }));
        Assert.Contains("Read-Only Entity", refused.Message);
        await h.Dynamics.CreateAsync(payments.EntitySet, payments.Row(order, "p-1", new DateOnly(2026, 12, 4), 120m, "NZD", null, "AUTHORISED"));
        await h.Dynamics.CreateAsync("annotations", new JsonObject
        {
            ["subject"] = "Xero invoice INV-0001", ["filename"] = "INV-0001.pdf", ["mimetype"] = "application/pdf",
            ["documentbody"] = Convert.ToBase64String("%PDF-1.4"u8.ToArray()), ["objectid_salesorder@odata.bind"] = $"/salesorders({order})",
        });
        Assert.Single(await h.Dynamics.QueryAsync($"{payments.EntitySet}?$select={payments.Name}&$filter={payments.OrderFilter(order)}"));
        Assert.Single(await h.Dynamics.QueryAsync($"annotations?$select=filename&$filter=_objectid_value eq {order}"));
    }
}
