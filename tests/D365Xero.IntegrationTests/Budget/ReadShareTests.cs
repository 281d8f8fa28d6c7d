using D365Xero.Cli.Commands;
using D365Xero.Hosting;
using D365Xero.IntegrationTests.RoundTrip;
using D365Xero.Journal;
using D365Xero.RoundTrip;

namespace D365Xero.IntegrationTests.Budget;

/// <summary>
/// Xero:ReadShare over the emulators (docs/product-rules.md#p-read-share): once the day's reads have their share, the round trip's
/// reads wait while writes wait (an order waiting for its lines here), deferred without an attempt, and go once the writes are done.
/// </summary>
public sealed class ReadShareTests
{
    // 1 % of 100 calls: one read a day while writes wait. Matching the first order's customer, product and invoice took more.
    private static void OneReadShare(Dictionary<string, string?> s)
    {
        s["Xero:DayLimit"] = "100";
        s["Xero:ReadShare"] = "1";
    }

    private static async Task<Guid> OrderWaitingForLinesAsync(SyncHarness h)
    {
        var customer = await h.AccountAsync("Waiting Customer Ltd");
        return await h.OrderAsync(customer); // no lines yet: it waits for them (Sync:EmptyOrderWait, 10 minutes)
    }

    [Fact]
    public async Task A_read_back_waits_while_an_order_waits_to_be_written_and_is_read_once_it_is()
    {
        var (h, order, invoice) = await RoundTripFixtures.OrderInXeroAsync(OneReadShare);
        await using var _ = h;
        Assert.True(h.Connection.Xero.Budget.ReadsInDay >= 1, $"{h.Connection.Xero.Budget.ReadsInDay} reads");
        await h.InXeroAsync(invoice, "authorise");
        await h.Store.EnqueueAsync(h.Connection.Name, [new WorkKey(XeroEventQueues.Invoice, invoice)], default); // as Xero's webhook queues it
        var waiting = await OrderWaitingForLinesAsync(h);
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync();

        Assert.Equal(0, await h.Xero.CallsAsync("GET /Invoices")); // the read-back did not read
        Assert.Null((await h.OrderRowAsync(order)).Text("xero_invoicestatus"));
        var pending = await h.Store.CountPendingAsync(h.Connection.Name, default);
        Assert.Equal(1, pending.GetValueOrDefault(XeroEventQueues.Invoice)); // deferred, not dropped
        Assert.Equal(1, pending.GetValueOrDefault("salesorder"));
        var budget = h.Connection.Xero.Budget;
        Assert.NotNull(budget.ReadsHeldUntil);
        await ConnectionState.SaveBudgetAsync(h.Store, h.Connection.Name, budget, DateTimeOffset.UtcNow, default);
        var status = new StringWriter();
        StatusCommand.Print(status, await StatusReport.ReadAsync(h.Store, [h.Connection.Name], 10, default));
        Assert.Contains($"Xero reads: {budget.ReadsInDay} of 1 in the last 24 h", status.ToString());
        Assert.Contains($"read-backs and the invoice poll wait while writes wait, until the writes are done or {budget.ReadsHeldUntil:u}", status.ToString());
        // Waiting is not failing: the entry has used no attempt (an attempt each time would give up on it after Sync:MaxAttempts).
        h.StoreClock.Skip(WritesFirst.Recheck + TimeSpan.FromSeconds(1));
        var entry = Assert.Single(await h.Store.ClaimAsync(h.Connection.Name, XeroEventQueues.Invoice, 10, TimeSpan.FromSeconds(30), "test", default));
        Assert.Equal(0, entry.Attempts);
        await h.Store.DeferAsync([entry], TimeSpan.Zero, default);

        // The order's lines arrive: it is written, and then the read-back goes.
        var product = await h.ProductAsync("RS-1", "Read share widget", 10m);
        await h.LineAsync(waiting, product, 1m, 10m);
        await h.SyncOnceAsync(waitForRetries: true);

        Assert.NotNull((await h.OrderRowAsync(waiting)).Text("xero_invoiceid"));
        Assert.Equal("Authorised", (await h.OrderRowAsync(order)).Text("xero_invoicestatus"));
        Assert.True(await h.Xero.CallsAsync("GET /Invoices") >= 1);
        Assert.Empty(await h.Store.CountPendingAsync(h.Connection.Name, default));
        Assert.Null(h.Connection.Xero.Budget.ReadsHeldUntil);
    }

    [Fact]
    public async Task The_invoice_poll_skips_while_writes_wait_and_looks_once_they_are_written()
    {
        var (h, order, invoice) = await RoundTripFixtures.OrderInXeroAsync(OneReadShare);
        await using var _ = h;
        await h.InXeroAsync(invoice, "authorise");
        var waiting = await OrderWaitingForLinesAsync(h);
        await h.PollDueAsync();
        var lastLook = await h.Store.GetCursorAsync(h.Connection.Name, XeroEventQueues.Invoice, default);
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync();

        Assert.Equal(0, await h.Xero.CallsAsync("GET /Invoices"));
        Assert.Equal(lastLook, await h.Store.GetCursorAsync(h.Connection.Name, XeroEventQueues.Invoice, default)); // the next look covers the gap
        Assert.Null((await h.OrderRowAsync(order)).Text("xero_invoicestatus"));

        var product = await h.ProductAsync("RS-2", "Read share gadget", 10m);
        await h.LineAsync(waiting, product, 1m, 10m);
        await h.SyncOnceAsync();

        Assert.NotNull((await h.OrderRowAsync(waiting)).Text("xero_invoiceid"));
        Assert.Equal("Authorised", (await h.OrderRowAsync(order)).Text("xero_invoicestatus"));
        Assert.NotEqual(lastLook, await h.Store.GetCursorAsync(h.Connection.Name, XeroEventQueues.Invoice, default));
    }
}
