using D365Xero.ReliabilityTests.Support;

namespace D365Xero.ReliabilityTests.Newcomer;

/// <summary>`backfill --dry-run` on the demo company says what `backfill` then does, and redirected it prints no progress into the plan.</summary>
public sealed class DryRunTests
{
    [Fact]
    public async Task The_dry_run_predicts_the_back_fill_row_for_row_and_redirected_prints_only_the_plan()
    {
        await using var rig = await Rig.StartAsync(dataverseSeed: "demo", xeroSeed: "demo");
        Assert.Equal(0, (await NewcomerRun.RunAsync(rig.Environment, "provision")).ExitCode);

        var plan = await NewcomerRun.RunAsync(rig.Environment, "backfill", "--dry-run");
        var run = await NewcomerRun.RunAsync(rig.Environment, "backfill");

        Assert.Equal(0, plan.ExitCode);
        Assert.DoesNotContain("Reading", plan.Output);
        Assert.Contains("  salesorder           19          0          0          0          0          0          0          1", plan.Output);
        Assert.Contains("  contact              65          8          0          0          0          4          0          0", plan.Output);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Orders → Xero invoices: 19 created, 0 matched to existing, 0 updated, 0 archived, 0 unchanged, 0 skipped, 1 failed", run.Output);
        Assert.Contains("73 sent with their account, 0 unchanged, 4 skipped, 0 failed", run.Output);
    }
}
