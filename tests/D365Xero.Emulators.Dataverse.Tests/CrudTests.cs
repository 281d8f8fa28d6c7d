using System.Net;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse.Tests;

public sealed class CrudTests
{
    [Fact]
    public async Task Post_returns_204_with_entity_id_and_201_with_representation()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await emulator.CreateAsync("accounts", new { name = "Litware" });

        using var created = await emulator.SendAsync(HttpMethod.Post, "accounts?$select=name", new { name = "Proseware" }, ("Prefer", "return=representation"));
        var json = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Proseware", json["name"]!.GetValue<string>());
        Assert.StartsWith("W/\"", json["@odata.etag"]!.GetValue<string>());

        var read = await emulator.GetJsonAsync($"accounts({id})?$select=name,statecode");
        Assert.Equal("Litware", read["name"]!.GetValue<string>());
        Assert.Equal(0, read["statecode"]!.GetValue<int>());
        Assert.Equal(id.ToString(), read["accountid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Binds_and_clears_lookups()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var account = await emulator.CreateAsync("accounts", new { name = "Contoso" });
        var contact = await emulator.CreateAsync("contacts", new Dictionary<string, object>
        {
            ["firstname"] = "Yvonne", ["lastname"] = "McKay", ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
        });
        using (var bind = await emulator.SendAsync(HttpMethod.Patch, $"accounts({account})", new Dictionary<string, object> { ["primarycontactid@odata.bind"] = $"/contacts({contact})" }))
            Assert.Equal(HttpStatusCode.NoContent, bind.StatusCode);

        var read = await emulator.GetJsonAsync($"contacts({contact})?$select=fullname,_parentcustomerid_value");
        Assert.Equal("Yvonne McKay", read["fullname"]!.GetValue<string>());
        Assert.Equal(account.ToString(), read["_parentcustomerid_value"]!.GetValue<string>());

        using (var clear = await emulator.SendAsync(HttpMethod.Delete, $"accounts({account})/primarycontactid/$ref")) Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        var cleared = await emulator.GetJsonAsync($"accounts({account})?$select=_primarycontactid_value");
        Assert.Null(cleared["_primarycontactid_value"]);

        using (var nullBind = await emulator.SendAsync(HttpMethod.Patch, $"contacts({contact})", "{\"parentcustomerid_account@odata.bind\":null}")) Assert.Equal(HttpStatusCode.NoContent, nullBind.StatusCode);
        Assert.Null((await emulator.GetJsonAsync($"contacts({contact})?$select=_parentcustomerid_value"))["_parentcustomerid_value"]);
    }

    [Fact]
    public async Task Patch_with_if_match_star_on_missing_row_is_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.SendAsync(HttpMethod.Patch, "accounts(00000000-0000-0000-0000-000000000001)", new { name = "x" }, ("If-Match", "*"));
        var error = await TestEmulator.ErrorAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("account With Id = 00000000-0000-0000-0000-000000000001 Does Not Exist", error["message"]!.GetValue<string>());
        Assert.Equal("", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_without_if_match_upserts()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = Guid.NewGuid();
        using (var response = await emulator.SendAsync(HttpMethod.Patch, $"accounts({id})", new { name = "Upserted" })) Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("Upserted", (await emulator.GetJsonAsync($"accounts({id})?$select=name"))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stale_etag_gives_412_and_if_none_match_star_on_existing_row_gives_412()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await emulator.CreateAsync("accounts", new { name = "A" });
        var etag = (await emulator.GetJsonAsync($"accounts({id})?$select=name"))["@odata.etag"]!.GetValue<string>();
        using (var ok = await emulator.SendAsync(HttpMethod.Patch, $"accounts({id})", new { name = "B" }, ("If-Match", etag))) Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);

        using var stale = await emulator.SendAsync(HttpMethod.Patch, $"accounts({id})", new { name = "C" }, ("If-Match", etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("The version of the existing record doesn't match the RowVersion property provided.", (await TestEmulator.ErrorAsync(stale))["message"]!.GetValue<string>());

        using var exists = await emulator.SendAsync(HttpMethod.Patch, $"accounts({id})", new { name = "D" }, ("If-None-Match", "*"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, exists.StatusCode);
        Assert.Equal("A record with matching key values already exists.", (await TestEmulator.ErrorAsync(exists))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Writing_unknown_column_is_400_with_does_not_exist_on_type()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.SendAsync(HttpMethod.Post, "accounts", new { nmae = "x" });
        var error = await TestEmulator.ErrorAsync(response);
        const string message = "The property 'nmae' does not exist on type 'Microsoft.Dynamics.CRM.account'. Make sure to only use property names that are defined by the type.";
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, error["message"]!.GetValue<string>());
        Assert.Equal(message, error["innererror"]!["message"]!.GetValue<string>());
        Assert.Equal("Microsoft.Crm.CrmHttpException", error["innererror"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_returns_204_then_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await emulator.CreateAsync("accounts", new { name = "Gone" });
        using (var first = await emulator.SendAsync(HttpMethod.Delete, $"accounts({id})")) Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        using var second = await emulator.SendAsync(HttpMethod.Delete, $"accounts({id})");
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
    }

    [Fact]
    public async Task Deleting_account_cascades_to_its_contacts_and_orders()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var account = await emulator.CreateAsync("accounts", new { name = "Parent" });
        var contact = await emulator.CreateAsync("contacts", new Dictionary<string, object> { ["lastname"] = "Child", ["parentcustomerid_account@odata.bind"] = $"/accounts({account})" });
        var order = await emulator.CreateAsync("salesorders", new Dictionary<string, object> { ["name"] = "O", ["customerid_account@odata.bind"] = $"/accounts({account})" });
        using (await emulator.SendAsync(HttpMethod.Delete, $"accounts({account})")) { }
        using var contactRead = await emulator.SendAsync(HttpMethod.Get, $"contacts({contact})");
        using var orderRead = await emulator.SendAsync(HttpMethod.Get, $"salesorders({order})");
        Assert.Equal(HttpStatusCode.NotFound, contactRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, orderRead.StatusCode);
    }

    [Fact]
    public async Task Order_gets_number_and_totals_from_lines()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var account = await emulator.CreateAsync("accounts", new { name = "Buyer" });
        var product = await emulator.CreateAsync("products", new { name = "Widget", productnumber = "W-1", price = 10m });
        var order = await emulator.CreateAsync("salesorders", new Dictionary<string, object> { ["name"] = "O", ["customerid_account@odata.bind"] = $"/accounts({account})", ["freightamount"] = 5m, ["discountamount"] = 2m });
        await emulator.CreateAsync("salesorderdetails", new Dictionary<string, object>
        {
            ["salesorderid@odata.bind"] = $"/salesorders({order})", ["productid@odata.bind"] = $"/products({product})",
            ["quantity"] = 3m, ["priceperunit"] = 10m, ["manualdiscountamount"] = 1m,
        });
        await emulator.CreateAsync("salesorderdetails", new Dictionary<string, object>
        {
            ["salesorderid@odata.bind"] = $"/salesorders({order})", ["isproductoverridden"] = true, ["productdescription"] = "Fitting",
            ["quantity"] = 1m, ["priceperunit"] = 20m,
        });
        var json = await emulator.GetJsonAsync($"salesorders({order})?$select=ordernumber,totallineitemamount,totalamount&$expand=order_details($select=baseamount,extendedamount)");
        Assert.StartsWith("ORD-", json["ordernumber"]!.GetValue<string>());
        Assert.Equal(49m, json["totallineitemamount"]!.GetValue<decimal>()); // (30 − 1) + 20
        Assert.Equal(52m, json["totalamount"]!.GetValue<decimal>());         // 49 − 2 + 5
        Assert.Equal(2, json["order_details"]!.AsArray().Count);
        Assert.NotNull(json["_transactioncurrencyid_value"]);
    }
}
