using System.Text.Json.Nodes;
using D365Xero.Hosting;
using D365Xero.IntegrationTests;
using D365Xero.Journal;
using D365Xero.ReliabilityTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 7.4: when the organisation's daily Xero budget is spent, its work parks (nothing is sent,
/// nothing fails, nothing is dropped), `status` says until when, and it all goes once the day resets.
/// </summary>
public sealed class DailyBudgetTests
{
    [Fact]
    public async Task Spent_daily_budget_parks_the_work_status_says_until_when_and_nothing_is_dropped()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        var accounts = new List<Guid>();
        for (var i = 0; i < 160; i++) accounts.Add(await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Budget {i:D3}" }));
        // Room for the contact read and two batches of 50, then the day is spent.
        await rig.Xero.ControlAsync("limits", new JsonObject { ["dayLimit"] = 3 });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        await SyncSession.RunAsync(await rig.OpenAsync(time: time), waitForRetries: false, default);

        var status = await rig.StatusAsync();
        var parkedUntil = status.XeroBudget?.Budget.ParkedUntil;
        Assert.NotNull(parkedUntil);
        Assert.True(parkedUntil > time.GetUtcNow(), $"parked until {parkedUntil}, now {time.GetUtcNow()}");
        Assert.Null(status.PausedReason);
        Assert.Empty(status.Failures);
        // Which batches the two calls carried depends on the order the parallel lanes reached the gate; none is lost.
        var account = status.Tables.Single(t => t.Table == "account");
        Assert.InRange(account.Synced, 50, 100);
        Assert.Equal(160, account.Synced + account.Pending);
        var parked = account.Pending;

        // More runs while parked, more than Sync:MaxAttempts of them: still nothing fails or is dropped.
        for (var run = 0; run < 10; run++)
        {
            time.Advance(TimeSpan.FromMinutes(30));
            await SyncSession.RunAsync(await rig.OpenAsync(time: time), waitForRetries: false, default);
        }
        status = await rig.StatusAsync();
        Assert.Empty(status.Failures);
        Assert.Equal(parked, status.Tables.Single(t => t.Table == "account").Pending);

        // The day resets: everything parked goes.
        await rig.Xero.ControlAsync("limits", new JsonObject { ["dayLimit"] = 5000 });
        time.Advance(TimeSpan.FromHours(25));
        await SyncSession.RunAsync(await rig.OpenAsync(time: time), waitForRetries: false, default);

        status = await rig.StatusAsync();
        Assert.Equal(160, status.Tables.Single(t => t.Table == "account").Synced);
        Assert.Equal(0, status.Tables.Single(t => t.Table == "account").Pending);
        Assert.Empty(status.Failures);
        Assert.Equal(160, (await rig.Xero.ContactsAsync()).Count);
    }

    [Fact]
    public async Task Parking_day_after_day_never_uses_up_max_attempts()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        for (var i = 0; i < 150; i++) await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Patient {i:D3}" });
        // Two calls a day (the contact read and one batch of 50), one lane, and a row gives up on its
        // second failed attempt: were a park an attempt, the second day's batch would give up.
        var settings = new Dictionary<string, string> { ["Xero__DayLimit"] = "2", ["Sync__MaxAttempts"] = "2", ["Sync__Parallelism"] = "1" };
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        var days = 0;
        var pending = new List<long>();
        for (; days < 8; days++)
        {
            await SyncSession.RunAsync(await rig.OpenAsync(settings, time), waitForRetries: false, default);
            var status = await rig.StatusAsync();
            Assert.True(status.Failures.Count == 0, $"day {days + 1}: {status.Failures.FirstOrDefault()?.Reason}");
            pending.Add(status.Tables.Single(t => t.Table == "account").Pending);
            if (pending[^1] == 0) break;
            time.Advance(TimeSpan.FromHours(25));
        }

        Assert.Equal(new long[] { 100, 50, 0 }, pending);
        Assert.Equal(150, (await rig.StatusAsync()).Tables.Single(t => t.Table == "account").Synced);
        Assert.Equal(150, (await rig.Xero.ContactsAsync()).Count);
    }

    [Fact]
    public async Task Sync_once_with_a_spent_budget_exits_instead_of_waiting_for_tomorrow()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        for (var i = 0; i < 60; i++) await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Tomorrow {i:D2}" });
        await rig.Xero.ControlAsync("limits", new JsonObject { ["dayLimit"] = 2 });

        var run = await rig.RunAsync(TimeSpan.FromSeconds(90), "sync", "--once");
        var statusRun = await rig.RunAsync(TimeSpan.FromSeconds(60), "status");
        // Issue 19: a second run, in a new process, knows of the park from the store: it ends at once, without a call.
        var calls = rig.XeroProxy.Requests.Count;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var again = await rig.RunAsync(TimeSpan.FromSeconds(90), "sync", "--once");
        Assert.False(again.Killed, "the second sync --once was still waiting after 90 s:\n" + again.Output);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("Parked until", again.Output);
        Assert.Contains("rows wait for the next run", again.Output);
        Assert.Equal(calls, rig.XeroProxy.Requests.Count);

        Assert.False(run.Killed, "sync --once was still waiting after 90 s:\n" + run.Output);
        Assert.True(statusRun.Output.Contains("parked until"), $"status:\n{statusRun.Output}\nsync --once (exit {run.ExitCode}):\n{run.Output}");
        var status = await rig.StatusAsync();
        // One batch went (50 or the 10 left over, whichever lane reached the gate first); the other waits for tomorrow.
        var account = status.Tables.Single(t => t.Table == "account");
        Assert.Contains(account.Pending, new long[] { 10, 50 });
        Assert.Equal(60, account.Synced + account.Pending);
        Assert.Empty(status.Failures);
    }
}
