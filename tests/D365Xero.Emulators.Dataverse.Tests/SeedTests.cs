namespace D365Xero.Emulators.Dataverse.Tests;

public sealed class SeedTests
{
    [Fact]
    public async Task Demo_seed_has_the_small_company_and_awkward_cases()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        async Task<int> Count(string query) => (await emulator.GetJsonAsync(query + (query.Contains('?') ? "&" : "?") + "$count=true"))["@odata.count"]!.GetValue<int>();

        Assert.Equal(30, await Count("accounts?$select=name"));
        Assert.Equal(12, await Count("products?$select=name"));
        Assert.Equal(20, await Count("salesorders?$select=name"));
        Assert.Equal(2, await Count("transactioncurrencies?$select=isocurrencycode"));
        Assert.Equal(2, await Count("accounts?$select=name&$filter=name eq 'Northwind Traders'"));
        Assert.Equal(1, await Count("accounts?$select=name&$filter=name eq 'Fabrikam, Inc.'"));
        Assert.Equal(1, await Count("accounts?$select=name&$filter=name eq 'Contoso Pharmaceuticals' and accountnumber eq 'CONT-0002'"));
        Assert.Equal(1, await Count("accounts?$select=name&$filter=statecode eq 1"));
        Assert.Equal(1, await Count("products?$select=name&$filter=statecode eq 1"));
        Assert.Equal(1, await Count("salesorderdetails?$select=quantity&$filter=isproductoverridden eq true&$top=1") > 0 ? 1 : 0);
        var contacts = await Count("contacts?$select=fullname");
        Assert.InRange(contacts, 40, 110);
        var organization = await emulator.GetJsonAsync("organizations?$select=expirechangetrackingindays,name");
        Assert.Equal(7, organization["value"]![0]!["expirechangetrackingindays"]!.GetValue<int>());
    }

    [Fact]
    public async Task Xero_columns_do_not_exist_until_created()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        using var response = await emulator.SendAsync(HttpMethod.Get, "accounts?$select=new_xerocontactid");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Seeding_is_deterministic_and_scales()
    {
        await using var a = await TestEmulator.StartAsync("200");
        await using var b = await TestEmulator.StartAsync("200");
        var first = await a.GetJsonAsync("accounts?$select=name,accountnumber&$top=50");
        var second = await b.GetJsonAsync("accounts?$select=name,accountnumber&$top=50");
        Assert.Equal(first["value"]!.ToJsonString(), second["value"]!.ToJsonString());
        var orders = await a.GetJsonAsync("salesorders?$select=name&$count=true");
        Assert.Equal(100, orders["@odata.count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Accounts_only_seed_has_exactly_k_contacts_per_account_and_nothing_else()
    {
        await using var emulator = await TestEmulator.StartAsync("accounts:40:contacts:2");
        async Task<int> Count(string query) => (await emulator.GetJsonAsync(query + "&$count=true"))["@odata.count"]!.GetValue<int>();

        Assert.Equal(40, await Count("accounts?$select=name"));
        Assert.Equal(80, await Count("contacts?$select=fullname"));
        Assert.Equal(0, await Count("contacts?$select=fullname&$filter=_parentcustomerid_value eq null"));
        Assert.Equal(0, await Count("products?$select=name"));
        Assert.Equal(0, await Count("salesorders?$select=name"));
        Assert.Equal(0, await Count("accounts?$select=name&$filter=statecode eq 1"));
        var withPeople = await emulator.GetJsonAsync("accounts?$select=name&$expand=contact_customer_accounts($select=fullname)&$top=5");
        Assert.All(withPeople["value"]!.AsArray(), a => Assert.Equal(2, a!["contact_customer_accounts"]!.AsArray().Count));
    }

    [Fact]
    public async Task Reset_returns_to_seed()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        await emulator.CreateAsync("accounts", new { name = "Extra" });
        using (await emulator.Http.PostAsync("/_emulator/reset", null)) { }
        var json = await emulator.GetJsonAsync("accounts?$select=name&$count=true");
        Assert.Equal(30, json["@odata.count"]!.GetValue<int>());
    }
}
