using System.Net;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Items;

public sealed class ItemTests
{
    private const string Items = "/api.xro/2.0/Items";

    [Fact]
    public async Task Code_is_required_unique_and_at_most_30_characters()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");

        var missing = await host.Put(Items, new { Items = new[] { new { Name = "No code" } } });
        var taken = await host.Put(Items, new { Items = new[] { new { Code = "BIKE-0001" } } });
        var tooLong = await host.Put(Items, new { Items = new[] { new { Code = new string('c', 31) } } });

        Assert.Equal(["Item Code must be specified."], missing.Messages());
        Assert.Equal(["Price List Item with Code 'BIKE-0001' already exists"], taken.Messages());
        Assert.Equal(["Item Code must not be more than 30 characters long."], tooLong.Messages());
    }

    [Fact]
    public async Task Name_and_description_lengths_are_checked()
    {
        await using var host = await XeroTestHost.StartAsync();
        var reply = await host.Put(Items, new { Items = new[] { new { Code = "X", Name = new string('n', 51), Description = new string('d', 4001) } } });

        Assert.Equal(["Item Name must not be more than 50 characters long.", "Description must not be more than 4000 characters long."], reply.Messages());
    }

    [Fact]
    public async Task SalesDetails_account_and_tax_type_must_exist()
    {
        await using var host = await XeroTestHost.StartAsync();
        var reply = await host.Put(Items, new { Items = new[] { new { Code = "X", SalesDetails = new { UnitPrice = 1.0, AccountCode = "999", TaxType = "BOGUS" } } } });

        Assert.Equal(["Account code '999' is not a valid code for this document.",
            "The TaxType code 'BOGUS' does not exist or cannot be used for this type of transaction."], reply.Messages());
    }

    [Fact]
    public async Task IsSold_false_clears_description_and_sales_details()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");

        var reply = await host.Post(Items, new { Items = new[] { new { Code = "BIKE-0001", IsSold = false } } });

        var item = reply.Body!["Items"]![0]!;
        Assert.False(item["IsSold"]!.GetValue<bool>());
        Assert.Null(item["Description"]);
        Assert.Null(item["SalesDetails"]);
        Assert.Equal("Mountain Bike", item["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_by_code_or_id_and_list_without_paging()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");

        var byCode = await host.Get($"{Items}/BIKE-0001");
        var id = byCode.Body!["Items"]![0]!["ItemID"]!.GetValue<string>();
        var byId = await host.Get($"{Items}/{id}");
        var list = await host.Get(Items);

        Assert.Equal(499.00m, byCode.Body["Items"]![0]!["SalesDetails"]!["UnitPrice"]!.GetValue<decimal>());
        Assert.Equal("BIKE-0001", byId.Body!["Items"]![0]!["Code"]!.GetValue<string>());
        Assert.Single(list.Body!["Items"]!.AsArray());
        Assert.Null(list.Body["pagination"]);
    }

    [Fact]
    public async Task Untracked_item_deletes_with_204()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var id = (await host.Get($"{Items}/BIKE-0001")).Body!["Items"]![0]!["ItemID"]!.GetValue<string>();

        var deleted = await host.Send(HttpMethod.Delete, $"{Items}/{id}", null);

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Get($"{Items}/{id}")).Status);
    }

    [Fact]
    public async Task Tracked_item_used_on_an_invoice_cannot_be_deleted()
    {
        await using var host = await XeroTestHost.StartAsync();
        var created = await host.Put(Items, new
        {
            Items = new[]
            {
                new
                {
                    Code = "TRACK-1", Name = "Tracked", InventoryAssetAccountCode = "630",
                    PurchaseDetails = new { COGSAccountCode = "310" }, SalesDetails = new { UnitPrice = 10.0, AccountCode = "200" },
                },
            },
        });
        var id = created.Body!["Items"]![0]!["ItemID"]!.GetValue<string>();
        await host.CreateInvoice(new { Type = "ACCREC", Contact = new { Name = "Buyer" }, LineItems = new[] { new { ItemCode = "TRACK-1", Quantity = 1.0 } } });

        var reply = await host.Send(HttpMethod.Delete, $"{Items}/{id}", null);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("ValidationException", reply.Body!["Type"]!.GetValue<string>());
    }
}
