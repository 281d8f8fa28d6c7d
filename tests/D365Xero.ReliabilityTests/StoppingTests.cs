using System.Diagnostics;
using System.Text.Json.Nodes;
using D365Xero.ReliabilityTests.Support;
using Xunit.Abstractions;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 19, as a user meets it in a terminal: `sync --once` through a Xero outage ends on its own after a
/// short Sync:OutageGiveUp (exit 3, one line saying which service and since when, no stack trace); Ctrl-C or
/// SIGTERM during `backfill` ends with one line and 130 or 143, the work in hand back without an attempt.
/// </summary>
public sealed class StoppingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sync_once_through_a_xero_outage_gives_up_after_outage_give_up_with_exit_3_one_line_and_every_row_pending()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        for (var i = 0; i < 20; i++) await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Down {i:D2}" });
        rig.XeroProxy.Intercept = _ => 500;
        rig.Environment["Sync__OutageGiveUp"] = "00:00:05";
        rig.Environment["Sync__OutageFirstProbe"] = "00:00:01";
        rig.Environment["Xero__RetryBaseDelay"] = "00:00:00.100";

        var clock = Stopwatch.StartNew();
        var run = await rig.RunAsync(TimeSpan.FromSeconds(90), "sync", "--once");
        var took = clock.Elapsed;
        output.WriteLine($"exit {run.ExitCode} after {took.TotalSeconds:0.0} s, {rig.XeroProxy.Requests.Count} calls into the outage:\n{run.Output}");

        Assert.False(run.Killed, "sync --once was still running after 90 s");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Xero unavailable since", run.Output);
        Assert.Contains("20 rows wait for the next run", run.Output);
        Assert.DoesNotContain("   at ", run.Output); // no stack trace
        Assert.InRange(rig.XeroProxy.Requests.Count, 1, 20);
        var status = await rig.StatusAsync();
        Assert.Empty(status.Failures);
        Assert.Equal(20, status.Tables.Single(t => t.Table == "account").Pending);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_during_backfill_stops_it_with_one_line_and_its_exit_code_and_hands_the_work_back(string signal, int code)
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        for (var i = 0; i < 20; i++) await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Stop {i:D2}" });
        var writing = new TaskCompletionSource();
        // Xero takes the batch and holds its answer: the signal lands while the batch is in flight.
        rig.XeroProxy.AfterUpstream = async (request, _, ct) =>
        {
            if (!request.IsXeroWrite) return;
            writing.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(60), ct);
        };

        using var child = rig.Start("backfill");
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-" + signal, child.Id.ToString()])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = await child.WaitAsync(timeout.Token);
        output.WriteLine($"SIG{signal}: exit {run.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s:\n{run.Output}");

        Assert.Equal(code, run.ExitCode);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Contains("d365-xero: stopped; 20 rows wait for the next run.", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.DoesNotContain("Unhandled exception", run.Output);
        var runtime = await rig.OpenAsync();
        var back = await runtime.Store.ClaimAsync("default", "account", 100, TimeSpan.FromMinutes(1), "test", default);
        Assert.Equal(20, back.Count); // back at once, not after the claim's lease
        Assert.All(back, item => Assert.Equal(0, item.Attempts));
    }
}
