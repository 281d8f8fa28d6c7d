using System.Text.Json.Nodes;
using D365Xero.Hosting;
using D365Xero.ReliabilityTests.Support;

namespace D365Xero.ReliabilityTests;

/// <summary>A graceful shutdown mid-batch hands the work back at once, and does not count it as a failed attempt.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task A_batch_cut_short_by_shutdown_goes_back_at_once_without_counting_an_attempt()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        for (var i = 0; i < 20; i++) await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Shutdown {i:D2}" });
        using var shutdown = new CancellationTokenSource();
        // Xero applies the batch; while its answer is held back, the service is told to stop.
        rig.XeroProxy.AfterUpstream = async (request, status, ct) =>
        {
            if (!request.IsXeroWrite) return;
            await shutdown.CancelAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
        };
        var runtime = await rig.OpenAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SyncSession.RunAsync(runtime, waitForRetries: false, shutdown.Token));

        var back = await runtime.Store.ClaimAsync("default", "account", 100, TimeSpan.FromMinutes(1), "test", default);
        Assert.Equal(20, back.Count); // available now, not after the lease
        Assert.All(back, item => Assert.Equal(0, item.Attempts));
    }
}
