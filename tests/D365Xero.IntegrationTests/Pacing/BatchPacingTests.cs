using System.Text.Json.Nodes;
using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.Sync.Pacing;
using D365Xero.Target.Xero.RateLimiting;

namespace D365Xero.IntegrationTests.Pacing;

/// <summary>
/// `serve`'s pacing over both emulators and a real journal: changes arriving faster than Xero's budget carries
/// one call each wait for a fuller batch and go as one write; a trickle goes at once. The store's clock is moved
/// on by hand, never slept through.
/// </summary>
public sealed class BatchPacingTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(3);

    private static async Task<(SyncHarness H, List<Guid> Accounts)> NewAccountsAsync(int count, int batchSize = 50)
    {
        var h = await SyncHarness.StartAsync(configure: s => s["Xero:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await h.ProvisionAsync();
        var accounts = new List<Guid>();
        for (var i = 0; i < count; i++) accounts.Add(await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Paced {i}" }));
        await h.Xero.ResetStatsAsync();
        return (h, accounts);
    }

    private static SyncRunner PacedRunner(SyncHarness h, Func<RateBudget> budget) => new(h.Connection)
    {
        Pacing = new BatchPacer(h.StoreClock, Wait, h.Connection.Xero.Options, budget),
    };

    private static RateBudget Budget(int minuteRemaining) => new(minuteRemaining, 1000, null, 0, 0, 0);

    [Fact]
    public async Task Changes_while_the_minute_is_strained_wait_for_a_fuller_batch_then_go_as_one_write()
    {
        var (h, accounts) = await NewAccountsAsync(3);
        await using var _ = h;
        // The minute nearly spent (a burst just went): partial batches wait.
        var runner = PacedRunner(h, () => Budget(minuteRemaining: 3));

        await h.Store.EnqueueAsync(h.Connection.Name, [new WorkKey("account", accounts[0])], default);
        h.StoreClock.Skip(TimeSpan.FromSeconds(1));
        Assert.False(await runner.DrainAsync(default));
        var heldUntil = runner.HeldUntil;

        await h.Store.EnqueueAsync(h.Connection.Name, accounts.Skip(1).Select(a => new WorkKey("account", a)), default);
        h.StoreClock.Skip(TimeSpan.FromSeconds(1));
        Assert.False(await runner.DrainAsync(default));

        Assert.Equal(0, await h.Xero.ApiCallsAsync());
        Assert.NotNull(heldUntil);
        // The oldest change sets the time, not the newest: a stream cannot hold a change for ever.
        Assert.Equal(heldUntil, runner.HeldUntil);

        h.StoreClock.Skip(TimeSpan.FromSeconds(1));
        Assert.True(await runner.DrainAsync(default));

        Assert.Equal(1, await h.Xero.CallsAsync("POST /Contacts"));
        Assert.Equal(3, (await h.Xero.ContactsAsync()).Count(c => c.Text("Name")!.StartsWith("Paced ", StringComparison.Ordinal)));
        Assert.Null(runner.HeldUntil);
    }

    [Fact]
    public async Task A_change_at_a_trickle_goes_at_once()
    {
        var (h, accounts) = await NewAccountsAsync(1);
        await using var _ = h;
        var runner = PacedRunner(h, () => Budget(minuteRemaining: 60));

        await h.Store.EnqueueAsync(h.Connection.Name, [new WorkKey("account", accounts[0])], default);

        Assert.True(await runner.DrainAsync(default));
        Assert.Equal(1, await h.Xero.CallsAsync("POST /Contacts"));
        Assert.Null(runner.HeldUntil);
    }

    [Fact]
    public async Task A_full_batch_goes_at_once_even_while_the_minute_is_strained()
    {
        var (h, accounts) = await NewAccountsAsync(4, batchSize: 2);
        await using var _ = h;
        var runner = PacedRunner(h, () => Budget(minuteRemaining: 5));

        await h.Store.EnqueueAsync(h.Connection.Name, accounts.Select(a => new WorkKey("account", a)), default);

        Assert.True(await runner.DrainAsync(default));
        Assert.Equal(2, await h.Xero.CallsAsync("POST /Contacts"));
    }

    [Fact]
    public async Task The_polls_changes_wait_behind_the_webhooks_and_are_no_arrivals()
    {
        var (h, accounts) = await NewAccountsAsync(2);
        await using var _ = h;
        await h.SyncOnceAsync(); // the back-fill: change tracking's cursor is set
        await h.Dynamics.UpdateAsync("accounts", accounts[0], new JsonObject { ["telephone1"] = "+1 555 0101" });
        var runner = PacedRunner(h, () => Budget(minuteRemaining: 60));
        runner.Capture.BackstopDelay = TimeSpan.FromSeconds(6);

        await runner.Capture.CaptureAsync(h.Connection.Tables.InDrainOrder, default);
        var look = await h.Store.LookAsync(h.Connection.Name, h.StoreClock.GetUtcNow() - TimeSpan.FromSeconds(10), default);

        // The changed account, and the echo of the back-fill's own write-back: queued, none ready, none an arrival.
        var queued = look["account"];
        Assert.True(queued.Pending >= 1);
        Assert.Equal((0, 0), (queued.Ready, queued.Recent));
        h.StoreClock.Skip(TimeSpan.FromSeconds(6));
        Assert.Equal(queued.Pending, (await h.Store.LookAsync(h.Connection.Name, h.StoreClock.GetUtcNow(), default))["account"].Ready);
    }
}
