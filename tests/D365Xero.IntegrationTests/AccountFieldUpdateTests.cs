using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>A change to any mapped account column reaches the account's Xero contact on the next sync.</summary>
public sealed class AccountFieldUpdateTests
{
    private static JsonObject FullAccount() => new()
    {
        ["name"] = "Adventure Works",
        ["accountnumber"] = "AW-001",
        ["emailaddress1"] = "info@adventure-works.com",
        ["telephone1"] = "+1 555 0100",
        ["fax"] = "+1 555 0199",
        ["address1_line1"] = "PO Box 12",
        ["address1_city"] = "Seattle",
        ["address2_line1"] = "1 Main Street",
        ["address2_city"] = "Redmond",
    };

    [Theory]
    [InlineData("name", "Adventure Works Cycles")]
    [InlineData("accountnumber", "AW-002")]
    [InlineData("emailaddress1", "sales@adventure-works.com")]
    [InlineData("telephone1", "+1 555 0111")]
    [InlineData("fax", "+1 555 0188")]
    [InlineData("address1_line1", "PO Box 99")]
    [InlineData("address1_city", "Tacoma")]
    [InlineData("address2_line1", "2 High Street")]
    [InlineData("address2_city", "Bellevue")]
    public async Task Changed_column_reaches_xero_on_the_next_sync(string column, string value)
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await h.Dynamics.CreateAsync("accounts", FullAccount());
        await h.SyncOnceAsync();
        var contactId = (await h.Xero.ContactOfAccountAsync(account)).Text("ContactID");

        await h.Dynamics.UpdateAsync("accounts", account, new JsonObject { [column] = value });
        await h.Xero.ResetStatsAsync();
        await h.SyncOnceAsync();

        Assert.Equal(1, await h.Xero.CallsAsync("POST /Contacts"));
        var contact = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal(contactId, contact.Text("ContactID"));
        Assert.Equal(value, XeroValueOf(contact, column));
        Assert.Equal("Synced", (await h.Dynamics.GetAsync("accounts", account)).Text("xero_syncstatus"));
    }

    [Theory]
    [InlineData("accountnumber")]
    [InlineData("emailaddress1")]
    [InlineData("fax")]
    [InlineData("address2_line1")]
    public async Task Cleared_column_is_cleared_in_xero_on_the_next_sync(string column)
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await h.Dynamics.CreateAsync("accounts", FullAccount());
        await h.SyncOnceAsync();

        var clear = new JsonObject { [column] = null };
        if (column == "address2_line1") clear["address2_city"] = null;
        await h.Dynamics.UpdateAsync("accounts", account, clear);
        await h.SyncOnceAsync();

        var contact = await h.Xero.ContactOfAccountAsync(account);
        Assert.True(string.IsNullOrEmpty(XeroValueOf(contact, column)), $"{column} still shows '{XeroValueOf(contact, column)}' in Xero");
    }

    [Fact]
    public async Task Changed_currency_becomes_the_default_currency_in_xero()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var eur = await h.Dynamics.CreateAsync("transactioncurrencies", new JsonObject
        {
            ["isocurrencycode"] = "EUR", ["currencyname"] = "Euro", ["currencysymbol"] = "€", ["exchangerate"] = 0.92m, ["currencyprecision"] = 2,
        });
        var account = await h.Dynamics.CreateAsync("accounts", FullAccount());
        await h.SyncOnceAsync();
        Assert.Equal("USD", (await h.Xero.ContactOfAccountAsync(account)).Text("DefaultCurrency")); // the organisation's base currency

        await h.Dynamics.UpdateAsync("accounts", account, new JsonObject { ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({eur})" });
        await h.SyncOnceAsync();

        Assert.Equal("EUR", (await h.Xero.ContactOfAccountAsync(account)).Text("DefaultCurrency"));
    }

    [Fact]
    public async Task Currency_added_after_the_first_sync_becomes_the_default_currency_in_xero()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await h.Dynamics.CreateAsync("accounts", FullAccount());
        await h.SyncOnceAsync();

        var nzd = await h.Dynamics.CreateAsync("transactioncurrencies", new JsonObject
        {
            ["isocurrencycode"] = "NZD", ["currencyname"] = "New Zealand Dollar", ["currencysymbol"] = "$", ["exchangerate"] = 1.6m, ["currencyprecision"] = 2,
        });
        await h.Dynamics.UpdateAsync("accounts", account, new JsonObject { ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({nzd})" });
        await h.SyncOnceAsync();

        Assert.Equal("NZD", (await h.Xero.ContactOfAccountAsync(account)).Text("DefaultCurrency"));
    }

    private static string? XeroValueOf(JsonObject contact, string column) => column switch
    {
        "name" => contact.Text("Name"),
        "accountnumber" => contact.Text("AccountNumber"),
        "emailaddress1" => contact.Text("EmailAddress"),
        "telephone1" => contact.PhoneNumber("DEFAULT"),
        "fax" => contact.PhoneNumber("FAX"),
        "address1_line1" => contact.Address("POBOX")?.Text("AddressLine1"),
        "address1_city" => contact.Address("POBOX")?.Text("City"),
        "address2_line1" => contact.Address("STREET")?.Text("AddressLine1"),
        "address2_city" => contact.Address("STREET")?.Text("City"),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };
}
