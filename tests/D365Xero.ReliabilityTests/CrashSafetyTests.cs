using System.Diagnostics;
using System.Text.Json.Nodes;
using D365Xero.ReliabilityTests.Support;
using Xunit.Abstractions;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 7.1: the connector process is SIGKILLed at seeded random moments of a back-fill and of live
/// changes, some of them exactly between Xero applying a batch and the store recording it, and
/// restarted each time. Afterwards Xero holds exactly what Dynamics says, once.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Kills = 22;

    [Fact]
    public async Task Killed_at_random_moments_and_restarted_the_connector_leaves_xero_exact_with_no_duplicate_and_nothing_missing()
    {
        await using var rig = await Rig.StartAsync(dataverseSeed: "150");
        await rig.ProvisionAsync();
        // Slow enough that a kill lands mid-batch, fast enough that the whole run stays near a minute.
        await rig.Xero.ControlAsync("faults", new JsonObject { ["delayMs"] = 200 });
        var random = new Random(20260707);
        var live = new LiveChanges(rig, random);
        await live.LoadAsync();
        // The test's own reads of Xero (to plan live changes) share the organisation's minute budget
        // with the connector; a wider budget keeps them from being throttled. Crashes, not pacing, are under test.
        await rig.Xero.ControlAsync("limits", new JsonObject { ["minuteLimit"] = 1000 });

        // When armed, the next successful Xero write is applied by the emulator and its answer held
        // back: the kill lands after Xero applied the batch and before our store recorded it.
        TaskCompletionSource? armed = null;
        rig.XeroProxy.AfterUpstream = async (request, status, ct) =>
        {
            if (!request.IsXeroWrite || status != 200 || Volatile.Read(ref armed) is not { } signal) return;
            signal.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
        };

        var clock = Stopwatch.StartNew();
        int kills = 0, killsAfterApply = 0, finishedBeforeKill = 0;
        for (var round = 0; kills < Kills; round++)
        {
            Assert.True(round < Kills * 3, $"only {kills} kills in {round} rounds");
            if (round > 0) await live.ApplyAsync(round);
            using var child = rig.Start("sync", "--once");
            var exited = child.WaitAsync(CancellationToken.None);
            Task trigger;
            if (round % 3 == 1)
            {
                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref armed, signal);
                trigger = signal.Task;
            }
            else
            {
                trigger = Task.Delay(TimeSpan.FromMilliseconds(random.Next(800, 3500)));
            }
            if (await Task.WhenAny(trigger, exited) == exited && !trigger.IsCompleted)
            {
                finishedBeforeKill++;
            }
            else
            {
                await child.KillAsync();
                kills++;
                if (round % 3 == 1) killsAfterApply++;
            }
            Volatile.Write(ref armed, null);
            await WaitForQuietXeroAsync(rig);
        }

        await rig.Xero.ControlAsync("faults", new JsonObject());
        var final = await rig.RunAsync(TimeSpan.FromMinutes(2), "sync", "--once");
        var state = await EndState.ReadAsync(rig, live.DeletedInXero);
        output.WriteLine($"{kills} kills ({killsAfterApply} after Xero applied a write, before the store recorded it), " +
            $"{finishedBeforeKill} runs finished before their kill, {live.Changes} live changes, {live.DeletedInXero.Count} deletions, {clock.Elapsed.TotalSeconds:0} s");
        output.WriteLine(state.ToString());
        output.WriteLine(final.Output);

        Assert.False(final.Killed, final.Output);
        Assert.InRange(final.ExitCode, 0, 1); // 1: the seed's orders for contacts without an account fail, by design
        Assert.True(state.IsExact, state.ToString());
        Assert.True(killsAfterApply >= 6, $"only {killsAfterApply} kills landed after Xero applied a write");
    }

    /// <summary>A killed process's last request may still be inside the emulator: wait for it to finish.</summary>
    internal static async Task WaitForQuietXeroAsync(Rig rig)
    {
        for (var i = 0; i < 100 && (await rig.Xero.StatsAsync())["inFlight"]!.GetValue<int>() > 0; i++)
            await Task.Delay(50);
    }
}
