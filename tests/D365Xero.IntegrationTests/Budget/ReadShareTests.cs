using D365Xero.Cli.Commands;
using D365Xero.Hosting;
using D365Xero.IntegrationTests.RoundTrip;
using D365Xero.Journal;
using D365Xero.RoundTrip;
using D365Xero.Sync;
using D365Xero.Sync.Pacing;
using D365Xero.Target.Xero.RateLimiting;

namespace D365Xero.IntegrationTests.Budget;

/// <summary>
/// Xero:ReadShare over the emulators (docs/product-rules.md#p-read-share): once the day's reads have their share, the round trip's
/// reads wait while writes wait (here an account's change that `serve`'s pacing holds for a fuller batch: ready, waiting for the
/// budget), deferred without an attempt, and go once the writes are done.
/// </summary>
public sealed class ReadShareTests
{
    // 1 % of 100 calls: one read a day while writes wait. Matching the first order's customer, product and invoice took more.
    private static void OneReadShare(Dictionary<string, string?> s)
    {
        s["Xero:DayLimit"] = "100";
        s["Xero:ReadShare"] = "1";
    }

    /// <summary>An account's change queued as its webhook would queue it.</summary>
    private static async Task<Guid> WriteWaitingAsync(SyncHarness h)
    {
        var account = await h.AccountAsync("Waiting Customer Ltd");
        await h.Store.EnqueueAsync(h.Connection.Name, [new WorkKey("account", account)], default);
        return account;
    }

    /// <summary>`serve`'s drain with its minute spent: a partial batch is held, ready, for a fuller one (a write waiting for the budget).</summary>
    private static SyncRunner HoldingRunner(SyncHarness h) => new(h.Connection)
    {
        Pacing = new BatchPacer(h.StoreClock, TimeSpan.FromMinutes(1), h.Connection.Xero.Options, () => new RateBudget(0, 100, null, 0, 0, 0)),
    };

    [Fact]
    public async Task A_read_back_waits_while_an_order_waits_to_be_written_and_is_read_once_it_is()
    {
        var (h, order, invoice) = await RoundTripFixtures.OrderInXeroAsync(OneReadShare);
        await using var _ = h;
        Assert.True(h.Connection.Xero.Budget.ReadsInDay >= 1, $"{h.Connection.Xero.Budget.ReadsInDay} reads");
        await h.InXeroAsync(invoice, "authorise");
        await h.Store.EnqueueAsync(h.Connection.Name, [new WorkKey(XeroEventQueues.Invoice, invoice)], default); // as Xero's webhook queues it
        var waiting = await WriteWaitingAsync(h);
        await h.Xero.ResetStatsAsync();

        await HoldingRunner(h).DrainAsync(default);

        Assert.Equal(0, await h.Xero.CallsAsync("GET /Invoices")); // the read-back did not read
        Assert.Null((await h.OrderRowAsync(order)).Text("xero_invoicestatus"));
        var pending = await h.Store.CountPendingAsync(h.Connection.Name, default);
        Assert.Equal(1, pending.GetValueOrDefault(XeroEventQueues.Invoice)); // deferred, not dropped
        Assert.Equal(1, pending.GetValueOrDefault("account"));
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

        // The account is written, and then the read-back goes.
        await h.SyncOnceAsync(waitForRetries: true);

        Assert.NotNull((await h.Dynamics.GetAsync("accounts", waiting)).Text("xero_contactid"));
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
        var waiting = await WriteWaitingAsync(h);
        await h.PollDueAsync();
        var lastLook = await h.Store.GetCursorAsync(h.Connection.Name, XeroEventQueues.Invoice, default);
        await h.Xero.ResetStatsAsync();

        var runner = HoldingRunner(h);
        await runner.DrainAsync(default);
        await runner.PollInvoicesAsync(default);

        Assert.Equal(0, await h.Xero.CallsAsync("GET /Invoices"));
        Assert.Equal(lastLook, await h.Store.GetCursorAsync(h.Connection.Name, XeroEventQueues.Invoice, default)); // the next look covers the gap
        Assert.Null((await h.OrderRowAsync(order)).Text("xero_invoicestatus"));

        await h.SyncOnceAsync();

        Assert.NotNull((await h.Dynamics.GetAsync("accounts", waiting)).Text("xero_contactid"));
        Assert.Equal("Authorised", (await h.OrderRowAsync(order)).Text("xero_invoicestatus"));
        Assert.NotEqual(lastLook, await h.Store.GetCursorAsync(h.Connection.Name, XeroEventQueues.Invoice, default));
    }
}
