using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using D365Xero.ReliabilityTests.Support;
using Xunit.Abstractions;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 17, Hangs: a service that cannot be reached at all (nothing listens at its address). `check` answers
/// within 30 s naming the URL and the cause, and stops at once on Ctrl-C; `sync --once` ends with exit 3 once
/// Sync:OutageGiveUp has passed (2 minutes by default; short here) instead of retrying for ten minutes and more.
/// </summary>
public sealed class UnreachableTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Check_against_an_unreachable_dataverse_answers_within_30_s_with_the_url_and_the_cause()
    {
        await using var rig = await Rig.StartAsync();
        var nowhere = $"http://127.0.0.1:{ClosedPort()}";
        rig.Environment["Dataverse__Url"] = nowhere;
        rig.Environment["Dataverse__AuthorityUrl"] = nowhere;

        var clock = Stopwatch.StartNew();
        var run = await rig.RunAsync(TimeSpan.FromSeconds(60), "check");
        output.WriteLine($"exit {run.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s:\n{run.Output}");

        Assert.False(run.Killed);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(nowhere, run.Output);
        Assert.Contains("Connection refused", run.Output);
        Assert.Contains("PASS  Xero sign-in", run.Output);
    }

    [Fact]
    public async Task Ctrl_c_stops_check_at_once()
    {
        await using var rig = await Rig.StartAsync();
        // Xero takes every call and never answers it: check waits on it until told to stop.
        rig.XeroProxy.Intercept = null;
        rig.XeroProxy.AfterUpstream = (_, _, ct) => Task.Delay(TimeSpan.FromMinutes(5), ct);
        using var child = rig.Start("check");
        await WaitForAsync(() => rig.XeroProxy.Requests.Count > 0, TimeSpan.FromSeconds(60));

        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-INT", child.Id.ToString()])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = await child.WaitAsync(timeout.Token);
        output.WriteLine($"exit {run.ExitCode} {clock.Elapsed.TotalSeconds:0.0} s after Ctrl-C:\n{run.Output}");

        Assert.Equal(130, run.ExitCode);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Theory]
    [InlineData("Dataverse")]
    [InlineData("Xero")]
    public async Task Sync_once_against_an_unreachable_service_ends_with_exit_3_naming_the_url_and_the_cause(string service)
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        for (var i = 0; i < 5; i++) await rig.Dynamics.CreateAsync("accounts", new System.Text.Json.Nodes.JsonObject { ["name"] = $"Nowhere {i}" });
        var nowhere = $"http://127.0.0.1:{ClosedPort()}";
        foreach (var key in service == "Xero" ? new[] { "Xero__ApiUrl", "Xero__IdentityUrl" } : ["Dataverse__Url", "Dataverse__AuthorityUrl"])
            rig.Environment[key] = nowhere;
        rig.Environment["Sync__OutageGiveUp"] = "00:00:03";
        rig.Environment["Sync__OutageFailures"] = "2";
        rig.Environment["Sync__OutageFirstProbe"] = "00:00:01";
        rig.Environment["Xero__RetryBaseDelay"] = "00:00:00.100";
        rig.Environment["Dataverse__RetryBaseDelay"] = "00:00:00.100";

        var clock = Stopwatch.StartNew();
        var run = await rig.RunAsync(TimeSpan.FromSeconds(60), "sync", "--once");
        output.WriteLine($"exit {run.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s:\n{run.Output}");

        Assert.False(run.Killed);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"{service} unavailable since", run.Output);
        Assert.Contains("127.0.0.1:" + new Uri(nowhere).Port, run.Output);
        Assert.Contains("Connection refused", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.DoesNotContain("RemoteApiException", run.Output);
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException("the condition never held");
            await Task.Delay(50);
        }
    }
}
