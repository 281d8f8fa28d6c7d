using System.Net;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse.Tests;

public sealed class QueryTests
{
    [Fact]
    public async Task Filters_with_strings_escapes_and_logic()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        var obrien = await emulator.GetJsonAsync("accounts?$select=name&$filter=name eq 'O''Brien %26 Sons'");
        Assert.Single(obrien["value"]!.AsArray());

        var either = await emulator.GetJsonAsync("accounts?$select=name&$filter=(name eq 'Northwind Traders' or accountnumber eq 'CONT-0002') and statecode eq 0");
        Assert.Equal(3, either["value"]!.AsArray().Count);

        var inactive = await emulator.GetJsonAsync("accounts?$select=name&$filter=statecode ne 0");
        Assert.Single(inactive["value"]!.AsArray());

        var bike = await emulator.GetJsonAsync("products?$select=name,price&$filter=productnumber eq 'BIKE-0001' and price ge 499");
        Assert.Equal("Mountain Bike", bike["value"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(499.00m, bike["value"]![0]!["price"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Filters_on_lookup_value_and_null()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        var orphans = await emulator.GetJsonAsync("contacts?$select=fullname&$filter=_parentcustomerid_value eq null");
        Assert.Equal(3, orphans["value"]!.AsArray().Count);
        var accountId = (await emulator.GetJsonAsync("accounts?$select=name&$filter=accountnumber eq 'ACC-00007'"))["value"]![0]!["accountid"]!.GetValue<string>();
        var seven = await emulator.GetJsonAsync($"contacts?$select=fullname&$filter=_parentcustomerid_value eq {accountId}&$count=true");
        Assert.Equal(7, seven["@odata.count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_url_of_up_to_32_KB_is_answered_and_a_longer_one_gets_414()
    {
        // docs/dataverse-rules.md#d-url-length: the Web API takes URLs up to 32,768 characters (Kestrel's default line is 8 KB).
        await using var emulator = await TestEmulator.StartAsync("demo");
        string PathOfLength(int length)
        {
            var head = "accounts?$select=name&$filter=";
            var url = emulator.Api + head;
            var escaped = Uri.EscapeDataString("accountid eq " + Guid.Empty.ToString("D"));
            var clause = Uri.EscapeDataString(" or accountid eq " + Guid.Empty.ToString("D"));
            while (url.Length + escaped.Length + clause.Length + 100 <= length) escaped += Uri.EscapeDataString(" or accountid eq " + Guid.NewGuid().ToString("D"));
            // Pad with an escaped clause of exactly the length still missing.
            var path = head + escaped + "%20or%20name%20eq%20'" + new string('x', length - url.Length - escaped.Length - "%20or%20name%20eq%20''".Length) + "'";
            Assert.Equal(length, emulator.Api.Length + path.Length);
            return path;
        }

        using (var longest = await emulator.SendAsync(HttpMethod.Get, PathOfLength(32_768)))
            Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
        using (var tooLong = await emulator.SendAsync(HttpMethod.Get, PathOfLength(32_769)))
            Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.StatusCode);
    }

    [Fact]
    public async Task Reads_by_lists_of_keys_answer_as_a_full_scan_does_after_moves_creates_and_deletes()
    {
        // `col eq <id> or col eq <id> …` on a key or lookup is answered from an index; the same filter with a
        // clause the index cannot answer (`and statecode eq 0`, true for every row here) takes the full scan.
        await using var emulator = await TestEmulator.StartAsync("demo");
        var accounts = (await emulator.GetJsonAsync("accounts?$select=accountid&$filter=statecode eq 0&$top=3"))["value"]!.AsArray()
            .Select(a => a!["accountid"]!.GetValue<string>()).ToList();
        async Task<(List<string> Indexed, List<string> Scanned)> ContactsOfAsync(IEnumerable<string> ids)
        {
            var filter = string.Join(" or ", ids.Select(id => $"_parentcustomerid_value eq {id}"));
            static List<string> Ids(JsonObject json) => json["value"]!.AsArray().Select(c => c!["contactid"]!.GetValue<string>()).ToList();
            return (Ids(await emulator.GetJsonAsync($"contacts?$select=contactid&$filter={filter}")),
                    Ids(await emulator.GetJsonAsync($"contacts?$select=contactid&$filter=({filter}) and statecode eq 0")));
        }

        var before = await ContactsOfAsync(accounts.Take(2));
        Assert.NotEmpty(before.Indexed);
        Assert.Equal(before.Scanned, before.Indexed);

        // Move one contact to the third account, delete another, create a new one under the first.
        var moved = before.Indexed[0];
        using (var move = await emulator.SendAsync(HttpMethod.Patch, $"contacts({moved})", new Dictionary<string, object> { ["parentcustomerid_account@odata.bind"] = $"/accounts({accounts[2]})" }))
            Assert.Equal(HttpStatusCode.NoContent, move.StatusCode);
        var deleted = before.Indexed[^1];
        using (var delete = await emulator.SendAsync(HttpMethod.Delete, $"contacts({deleted})")) Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var created = await emulator.CreateAsync("contacts", new Dictionary<string, object> { ["lastname"] = "Indexed", ["parentcustomerid_account@odata.bind"] = $"/accounts({accounts[0]})" });

        var after = await ContactsOfAsync(accounts.Take(2));
        Assert.Equal(after.Scanned, after.Indexed);
        Assert.DoesNotContain(moved, after.Indexed);
        Assert.DoesNotContain(deleted, after.Indexed);
        Assert.Contains(created.ToString(), after.Indexed);
        var third = await ContactsOfAsync([accounts[2]]);
        Assert.Contains(moved, third.Indexed);
        Assert.Equal(third.Scanned, third.Indexed);

        // By primary key: the rows that exist, in key order, none for a deleted id.
        var byKey = await emulator.GetJsonAsync($"contacts?$select=contactid&$filter=contactid eq {deleted} or contactid eq {moved} or contactid eq {created}");
        Assert.Equal(new[] { moved, created.ToString() }.Order(StringComparer.Ordinal).ToList(),
            byKey["value"]!.AsArray().Select(c => c!["contactid"]!.GetValue<string>()).ToList());
    }

    [Fact]
    public async Task Selecting_unknown_column_is_400_could_not_find_property()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.SendAsync(HttpMethod.Get, "accounts?$select=name,xero_contactid");
        var error = await TestEmulator.ErrorAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("0x0", error["code"]!.GetValue<string>());
        Assert.Equal("Could not find a property named 'xero_contactid' on type 'Microsoft.Dynamics.CRM.account'.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Orders_tops_and_counts()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        var json = await emulator.GetJsonAsync("accounts?$select=name&$orderby=name desc&$top=3&$count=true");
        var names = json["value"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(3, names.Count);
        Assert.Equal(names.OrderByDescending(n => n, StringComparer.OrdinalIgnoreCase).ToList(), names);
        Assert.Equal(30, json["@odata.count"]!.GetValue<int>());
        Assert.Null(json["@odata.nextLink"]);
    }

    [Fact]
    public async Task Lookup_annotations_follow_the_sample_shape()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        var json = await emulator.GetJsonAsync("contacts?$select=fullname,_parentcustomerid_value&$filter=_parentcustomerid_value ne null&$top=1",
            ("Prefer", "odata.include-annotations=\"*\""));
        var row = json["value"]![0]!.AsObject();
        Assert.Equal("account", row["_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!.GetValue<string>());
        Assert.Equal("parentcustomerid_account", row["_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(row["_parentcustomerid_value@OData.Community.Display.V1.FormattedValue"]!.GetValue<string>()));
        var keys = row.Select(p => p.Key).ToList();
        Assert.Equal("@odata.etag", keys[0]);
        Assert.Equal("contactid", keys[^1]);
    }

    [Fact]
    public async Task Expands_lookups_and_order_lines()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        var accounts = await emulator.GetJsonAsync("accounts?$select=name&$expand=primarycontactid($select=fullname),transactioncurrencyid($select=isocurrencycode)&$filter=_primarycontactid_value ne null&$top=1");
        var account = accounts["value"]![0]!;
        Assert.False(string.IsNullOrEmpty(account["primarycontactid"]!["fullname"]!.GetValue<string>()));
        Assert.Equal("USD", account["transactioncurrencyid"]!["isocurrencycode"]!.GetValue<string>());

        var orders = await emulator.GetJsonAsync("salesorders?$select=name&$expand=order_details($select=quantity,priceperunit),customerid_account($select=name)&$top=5");
        foreach (var order in orders["value"]!.AsArray())
            Assert.InRange(order!["order_details"]!.AsArray().Count, 1, 4);
    }

    [Fact]
    public async Task Pages_with_next_link_until_exhausted()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        var ids = new List<string>();
        string? next = "contacts?$select=fullname";
        var pages = 0;
        while (next is not null)
        {
            var json = await emulator.GetJsonAsync(next, ("Prefer", "odata.maxpagesize=10"));
            ids.AddRange(json["value"]!.AsArray().Select(v => v!["contactid"]!.GetValue<string>()));
            next = json["@odata.nextLink"]?.GetValue<string>();
            Assert.True(next is null || next.Contains("$skiptoken=", StringComparison.Ordinal));
            pages++;
        }
        var count = (await emulator.GetJsonAsync("contacts?$select=fullname&$count=true"))["@odata.count"]!.GetValue<int>();
        Assert.Equal(count, ids.Count);
        Assert.Equal(count, ids.Distinct().Count());
        Assert.Equal((count + 9) / 10, pages);
    }

    [Fact]
    public async Task Money_columns_bring_transaction_currency()
    {
        await using var emulator = await TestEmulator.StartAsync("demo");
        var json = await emulator.GetJsonAsync("products?$select=price&$top=1", ("Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""));
        var row = json["value"]![0]!;
        Assert.NotNull(row["_transactioncurrencyid_value"]);
        Assert.Equal("US Dollar", row["_transactioncurrencyid_value@OData.Community.Display.V1.FormattedValue"]!.GetValue<string>());
        Assert.StartsWith("$", row["price@OData.Community.Display.V1.FormattedValue"]!.GetValue<string>());
    }
}
