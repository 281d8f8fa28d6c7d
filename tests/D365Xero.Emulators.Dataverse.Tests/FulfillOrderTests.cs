using System.Net;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse.Tests;

/// <summary>The FulfillSalesOrder action and the closed order it leaves behind.</summary>
public sealed class FulfillOrderTests
{
    private static async Task<Guid> OrderAsync(TestEmulator emulator)
    {
        var account = await emulator.CreateAsync("accounts", new { name = "Acme" });
        return await emulator.CreateAsync("salesorders", new Dictionary<string, object> { ["name"] = "O", ["customerid_account@odata.bind"] = $"/accounts({account})" });
    }

    private static JsonObject Fulfil(Guid order, int status = 100001) => new()
    {
        ["OrderClose"] = new JsonObject
        {
            ["@odata.type"] = "Microsoft.Dynamics.CRM.orderclose",
            ["salesorderid@odata.bind"] = $"/salesorders({order})",
            ["subject"] = "Paid in Xero",
        },
        ["Status"] = status,
    };

    [Fact]
    public async Task Fulfilling_sets_the_order_Fulfilled_and_creates_the_completed_order_close()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var order = await OrderAsync(emulator);
        using (var response = await emulator.SendAsync(HttpMethod.Post, "FulfillSalesOrder", Fulfil(order).ToJsonString()))
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var read = await emulator.GetJsonAsync($"salesorders({order})?$select=statecode,statuscode");
        Assert.Equal(3, read["statecode"]!.GetValue<int>());
        Assert.Equal(100001, read["statuscode"]!.GetValue<int>());
        var closes = await emulator.GetJsonAsync($"ordercloses?$select=subject,statecode,_salesorderid_value&$filter=_salesorderid_value eq {order}");
        var close = Assert.Single(closes["value"]!.AsArray())!;
        Assert.Equal("Paid in Xero", close["subject"]!.GetValue<string>());
        Assert.Equal(1, close["statecode"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_closed_order_cannot_be_fulfilled_again_and_the_status_must_belong_to_Fulfilled()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var order = await OrderAsync(emulator);
        using (var wrongStatus = await emulator.SendAsync(HttpMethod.Post, "FulfillSalesOrder", Fulfil(order, 100003).ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongStatus.StatusCode);
            Assert.Contains("is not a valid status code", (await TestEmulator.ErrorAsync(wrongStatus))["message"]!.GetValue<string>());
        }
        Assert.Equal(0, (await emulator.GetJsonAsync($"salesorders({order})?$select=statecode"))["statecode"]!.GetValue<int>());
        Assert.Empty((await emulator.GetJsonAsync("ordercloses?$select=subject"))["value"]!.AsArray());

        using (await emulator.SendAsync(HttpMethod.Post, "FulfillSalesOrder", Fulfil(order).ToJsonString())) { }
        using var again = await emulator.SendAsync(HttpMethod.Post, "FulfillSalesOrder", Fulfil(order, 100002).ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Single((await emulator.GetJsonAsync("ordercloses?$select=subject"))["value"]!.AsArray());
        using var missing = await emulator.SendAsync(HttpMethod.Post, "FulfillSalesOrder", Fulfil(Guid.NewGuid()).ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_fulfilled_order_is_read_only_but_can_be_reopened_and_notes_can_still_be_added()
    {
        await using var emulator = await TestEmulator.StartAsync(configure: o => o.ClosedOrdersReadOnly = true);
        var order = await OrderAsync(emulator);
        using (await emulator.SendAsync(HttpMethod.Post, "FulfillSalesOrder", Fulfil(order).ToJsonString())) { }

        using (var update = await emulator.SendAsync(HttpMethod.Patch, $"salesorders({order})", new { description = "paid" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
            Assert.Contains("Read-Only Entity", (await TestEmulator.ErrorAsync(update))["message"]!.GetValue<string>());
        }
        await emulator.CreateAsync("annotations", new Dictionary<string, object> { ["subject"] = "Payment", ["objectid_salesorder@odata.bind"] = $"/salesorders({order})" });

        using (var reopen = await emulator.SendAsync(HttpMethod.Patch, $"salesorders({order})", new { statecode = 0, statuscode = 1 }))
            Assert.Equal(HttpStatusCode.NoContent, reopen.StatusCode);
        using var after = await emulator.SendAsync(HttpMethod.Patch, $"salesorders({order})", new { description = "paid" });
        Assert.Equal(HttpStatusCode.NoContent, after.StatusCode);
    }

    [Fact]
    public async Task Without_the_option_a_fulfilled_order_still_takes_updates()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var order = await OrderAsync(emulator);
        using (await emulator.SendAsync(HttpMethod.Post, "FulfillSalesOrder", Fulfil(order).ToJsonString())) { }
        using var update = await emulator.SendAsync(HttpMethod.Patch, $"salesorders({order})", new { description = "paid" });
        Assert.Equal(HttpStatusCode.NoContent, update.StatusCode);
    }
}
