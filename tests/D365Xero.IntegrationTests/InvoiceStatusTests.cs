using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>The order's state moves its invoice: authorised when fulfilled (by option), deleted or voided when cancelled, never a paid one.</summary>
public sealed class InvoiceStatusTests
{
    private static async Task<(SyncHarness H, Guid Order)> OrderInXeroAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var h = await SyncHarness.StartAsync(configure: configure);
        await h.ProvisionAsync();
        var customer = await h.AccountAsync("Status Ltd");
        var product = await h.ProductAsync("ST-1", "Stand", 50m);
        var order = await h.OrderAsync(customer);
        await h.LineAsync(order, product, 2m, 50m);
        await h.SyncOnceAsync();
        Assert.Equal("DRAFT", (await h.InvoiceOfOrderAsync(order)).Text("Status"));
        return (h, order);
    }

    private static void AuthoriseWhenFulfilled(Dictionary<string, string?> settings) => settings["Sync:AuthoriseWhen"] = "Fulfilled";

    private static Task FulfilAsync(SyncHarness h, Guid order) =>
        h.Dynamics.UpdateAsync("salesorders", order, new JsonObject { ["statecode"] = 3, ["datefulfilled"] = "2026-01-15" });

    [Fact]
    public async Task Fulfilled_order_authorises_its_invoice_when_configured()
    {
        var (h, order) = await OrderInXeroAsync(AuthoriseWhenFulfilled);
        await using var _ = h;

        await FulfilAsync(h, order);
        await h.SyncOnceAsync();

        Assert.Equal("AUTHORISED", (await h.InvoiceOfOrderAsync(order)).Text("Status"));
        Assert.Equal("Synced", (await h.OrderRowAsync(order)).Text("xero_syncstatus"));
    }

    [Fact]
    public async Task Fulfilled_order_leaves_its_invoice_draft_by_default()
    {
        var (h, order) = await OrderInXeroAsync();
        await using var _ = h;

        await FulfilAsync(h, order);
        await h.SyncOnceAsync();

        Assert.Equal("DRAFT", (await h.InvoiceOfOrderAsync(order)).Text("Status"));
        Assert.Equal("Synced", (await h.OrderRowAsync(order)).Text("xero_syncstatus"));
    }

    [Fact]
    public async Task Cancelled_order_with_a_draft_invoice_deletes_it()
    {
        var (h, order) = await OrderInXeroAsync();
        await using var _ = h;

        await h.Dynamics.UpdateAsync("salesorders", order, new JsonObject { ["statecode"] = 2 });
        await h.SyncOnceAsync();

        Assert.Equal("DELETED", (await h.InvoiceOfOrderAsync(order)).Text("Status"));
        Assert.Equal("Synced", (await h.OrderRowAsync(order)).Text("xero_syncstatus"));
    }

    [Fact]
    public async Task Cancelled_order_with_an_authorised_invoice_voids_it()
    {
        var (h, order) = await OrderInXeroAsync(AuthoriseWhenFulfilled);
        await using var _ = h;
        await FulfilAsync(h, order);
        await h.SyncOnceAsync();
        Assert.Equal("AUTHORISED", (await h.InvoiceOfOrderAsync(order)).Text("Status"));

        await h.Dynamics.UpdateAsync("salesorders", order, new JsonObject { ["statecode"] = 2 });
        await h.SyncOnceAsync();

        Assert.Equal("VOIDED", (await h.InvoiceOfOrderAsync(order)).Text("Status"));
        Assert.Equal("Synced", (await h.OrderRowAsync(order)).Text("xero_syncstatus"));
    }

    [Fact]
    public async Task Cancelled_order_whose_invoice_has_a_payment_leaves_it_alone_and_says_a_credit_note_is_needed()
    {
        var (h, order) = await OrderInXeroAsync(AuthoriseWhenFulfilled);
        await using var _ = h;
        await FulfilAsync(h, order);
        await h.SyncOnceAsync();
        var invoice = await h.InvoiceOfOrderAsync(order);
        Assert.Equal("AUTHORISED", invoice.Text("Status"));
        await h.Xero.ControlAsync($"invoices/{invoice.Text("InvoiceID")}/payments", new JsonObject { ["Amount"] = 40m });
        await h.Xero.ResetStatsAsync();

        await h.Dynamics.UpdateAsync("salesorders", order, new JsonObject { ["statecode"] = 2 });
        await h.SyncOnceAsync();

        var after = await h.InvoiceOfOrderAsync(order);
        Assert.Equal("AUTHORISED", after.Text("Status"));
        Assert.Equal(40m, after.Money("AmountPaid"));
        Assert.Equal(0, await h.Xero.CallsAsync("POST /Invoices"));
        var row = await h.OrderRowAsync(order);
        Assert.Equal("Error", row.Text("xero_syncstatus"));
        Assert.Contains("credit note", row.Text("xero_syncerror"));
    }
}
