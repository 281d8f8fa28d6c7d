using D365Xero.Hosting;
using D365Xero.ReliabilityTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 8: `sync --once` and `backfill` take each connection's lease, so a one-shot run never works a
/// connection beside an instance of `serve` that holds it.
/// </summary>
public sealed class OneShotLeaseTests
{
    private static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(3); // the rig's Instance:LeaseDuration

    [Fact]
    public async Task A_one_shot_run_skips_a_connection_another_live_instance_holds_and_works_it_once_released()
    {
        await using var rig = await Rig.StartAsync(dataverseSeed: "5");
        await rig.ProvisionAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runtime = await rig.OpenAsync(time: time);
        var elsewhere = (await runtime.Store.TryAcquireLeaseAsync("default", "serve-elsewhere", LeaseFor, default))!;

        // The other instance keeps renewing while the one-shot run waits (at most one lease duration) for its lease.
        var run = SyncSession.RunAsync(runtime, waitForRetries: false, default);
        for (var i = 0; i < 200 && !run.IsCompleted; i++)
        {
            await Task.Delay(20);
            time.Advance(TimeSpan.FromMilliseconds(500));
            elsewhere = await runtime.Store.RenewLeaseAsync(elsewhere, LeaseFor, default) ?? throw new InvalidOperationException("the lease was taken");
        }
        var skipped = Assert.Single(await run);

        Assert.Contains("serve-elsewhere", skipped.SkippedReason);
        Assert.Equal(0, skipped.XeroCalls);
        Assert.Empty(await rig.Xero.ContactsAsync());

        await runtime.Store.ReleaseLeaseAsync(elsewhere, default);
        var worked = Assert.Single(await SyncSession.RunAsync(await rig.OpenAsync(time: time), waitForRetries: false, default));

        Assert.Null(worked.SkippedReason);
        Assert.Equal((await rig.Dynamics.QueryAsync("accounts")).Count, (await rig.Xero.ContactsAsync()).Count);
        var lease = Assert.Single(await runtime.Store.ReadLeasesAsync(default));
        Assert.Null(lease.Holder); // released at the end of the run
        Assert.True(lease.Fence > elsewhere.Fence);
    }

    [Fact]
    public async Task A_one_shot_run_beside_a_live_instance_says_at_once_which_instance_holds_the_connection()
    {
        await using var rig = await Rig.StartAsync(dataverseSeed: "5");
        await rig.ProvisionAsync();
        // The clock never moves: were the run to wait for the lease (about 40 s by default), it would never end.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runtime = await rig.OpenAsync(time: time);
        await runtime.Store.TryAcquireLeaseAsync("default", "serve-elsewhere", LeaseFor, default);

        var skipped = Assert.Single(await SyncSession.RunAsync(runtime, waitForRetries: true, default).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains("instance 'serve-elsewhere' is working this connection", skipped.SkippedReason);
        Assert.Equal(0, skipped.XeroCalls);
    }
}
