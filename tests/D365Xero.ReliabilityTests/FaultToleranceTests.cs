using System.Diagnostics;
using System.Text.Json.Nodes;
using D365Xero.ReliabilityTests.Support;
using Xunit.Abstractions;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 7.2: one `sync --once` through a Xero that is offline for seconds, then answers 429 bursts,
/// 10 % 5xx, slow responses and lost responses after applying the write, while Dataverse throttles
/// with Retry-After. The run waits, resumes on its own, and ends in the same exact state.
/// </summary>
public sealed class FaultToleranceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Through_outage_429s_5xx_slow_and_lost_responses_one_sync_run_ends_exact()
    {
        await using var rig = await Rig.StartAsync(dataverseSeed: "100");
        await rig.ProvisionAsync();
        await rig.Xero.ResetStatsAsync();
        await rig.Dynamics.ControlAsync("faults", new JsonObject { ["burst429"] = 6, ["retryAfterSeconds"] = 1, ["seed"] = 7 });
        await rig.Xero.ControlAsync("faults", new JsonObject
        {
            ["burst429"] = 6, ["errorRate"] = 0.10, ["errorStatus"] = 500,
            // The rate's draws land on whichever calls arrive first, which varies with the lanes: the first write to get
            // through loses its answer whatever the draws, so every run meets one.
            ["delayMs"] = 150, ["loseResponseRate"] = 0.25, ["loseFirstWrites"] = 1, ["seed"] = 11,
        });

        // The outage starts with the connector's first Xero call (the emulator's own outageSeconds would
        // start now, and be over while the run is still reading Dynamics): every call 503 for 6 s.
        var gate = new object();
        DateTimeOffset? outageEnds = null;
        var outageAnswers = 0;
        rig.XeroProxy.Intercept = r =>
        {
            if (!r.PathAndQuery.StartsWith("/api.xro/", StringComparison.Ordinal)) return null;
            lock (gate)
            {
                outageEnds ??= DateTimeOffset.UtcNow.AddSeconds(6);
                if (DateTimeOffset.UtcNow >= outageEnds) return null;
                outageAnswers++;
                return 503;
            }
        };

        var clock = Stopwatch.StartNew();
        var run = await rig.RunAsync(TimeSpan.FromMinutes(3), "sync", "--once");
        var took = clock.Elapsed;
        var stats = await rig.Xero.StatsAsync();
        var dataverseStats = await DataverseStatsAsync(rig);
        await rig.Xero.ControlAsync("faults", new JsonObject());
        var state = await EndState.ReadAsync(rig);
        output.WriteLine($"Xero: {stats["apiCalls"]} calls, {stats["http5xx"]} answered 5xx, {stats["http429"]} answered 429, " +
            $"{rig.XeroProxy.Dropped} responses lost after the write was applied, {outageAnswers} calls refused by a 6 s outage; Dataverse: {dataverseStats}; {took.TotalSeconds:0} s");
        output.WriteLine(state.ToString());
        output.WriteLine(run.Output);

        Assert.False(run.Killed, "sync --once did not finish in 3 minutes:\n" + run.Output);
        Assert.InRange(run.ExitCode, 0, 1);
        Assert.True(state.IsExact, state.ToString());
        Assert.True(stats["http5xx"]!.GetValue<int>() > 0 && stats["http429"]!.GetValue<int>() > 0, "no fault was injected");
        Assert.True(rig.XeroProxy.Dropped > 0, "no response was lost");
        Assert.True(outageAnswers > 0, "the outage refused nothing");
    }

    private static async Task<string> DataverseStatsAsync(Rig rig)
    {
        using var http = new HttpClient { BaseAddress = rig.DataverseEmulator.Url };
        return await http.GetStringAsync("_emulator/stats");
    }
}
