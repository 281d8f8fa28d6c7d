namespace D365Xero.IntegrationTests;

/// <summary>An order in a currency the Xero organisation has not enabled fails alone, with Xero's message on its row.</summary>
public sealed class InvoiceCurrencyTests
{
    [Fact]
    public async Task Order_in_a_currency_xero_has_not_enabled_shows_xeros_message_and_other_orders_sync()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var customer = await h.AccountAsync("Currency Co");
        var product = await h.ProductAsync("CUR-1", "Thing", 10m);
        var gbp = await h.OrderAsync(customer, currency: "GBP");
        await h.LineAsync(gbp, product, 1m, 10m);
        var usd = await h.OrderAsync(customer, currency: "USD");
        await h.LineAsync(usd, product, 1m, 10m);
        var eur = await h.OrderAsync(customer, currency: "EUR");
        await h.LineAsync(eur, product, 1m, 10m);

        await h.SyncOnceAsync();

        var row = await h.OrderRowAsync(gbp);
        Assert.Equal("Error", row.Text("xero_syncstatus"));
        Assert.Contains("GBP", row.Text("xero_syncerror"));
        Assert.Null(row.Text("xero_invoiceid"));
        Assert.Equal("Synced", (await h.OrderRowAsync(usd)).Text("xero_syncstatus"));
        Assert.Equal("Synced", (await h.OrderRowAsync(eur)).Text("xero_syncstatus"));
        Assert.Equal("EUR", (await h.InvoiceOfOrderAsync(eur)).Text("CurrencyCode"));
        Assert.Equal(2, (await h.Xero.SalesInvoicesAsync()).Count);
    }
}
