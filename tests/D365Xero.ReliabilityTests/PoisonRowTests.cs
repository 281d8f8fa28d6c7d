using System.Text.Json.Nodes;
using D365Xero.Hosting;
using D365Xero.IntegrationTests;
using D365Xero.Journal;
using D365Xero.ReliabilityTests.Support;
using D365Xero.Sync;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 7.6: a row whose Xero write always fails transiently (here: the proxy answers 503 to any
/// batch holding it) stops being retried after Sync:MaxAttempts, stays visible with its reason, its
/// neighbours in the same batch still sync, and it goes again on `retry` or when it changes.
/// </summary>
public sealed class PoisonRowTests
{
    private const string Marker = "Poison Pill";
    private static readonly Dictionary<string, string> Settings = new() { ["Sync__MaxAttempts"] = "3", ["Xero__MaxRetryAttempts"] = "0" };

    [Fact]
    public async Task Poison_row_gives_up_after_max_attempts_with_its_reason_neighbours_sync_and_retry_or_a_change_sends_it_again()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        var poisoned = true;
        rig.XeroProxy.Intercept = r => poisoned && r.IsXeroWrite && r.Body.Contains(Marker) ? 503 : null;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var poison = await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"{Marker} Ltd" });
        var neighbours = new List<Guid>();
        for (var i = 0; i < 4; i++) neighbours.Add(await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Neighbour {i}" }));

        var runs = await RunUntilQuietAsync(rig, time);

        Assert.InRange(runs, 3, 10);
        var status = await rig.StatusAsync();
        var failure = Assert.Single(status.Failures);
        Assert.Equal(poison, failure.DynamicsId);
        Assert.Equal(3, failure.Attempts);
        Assert.Contains("Gave up after 3 attempts", failure.Reason);
        var row = await rig.Dynamics.GetAsync("accounts", poison);
        Assert.Equal("Error", row.Text("xero_syncstatus"));
        Assert.Contains("retry", row.Text("xero_syncerror"));
        foreach (var id in neighbours) Assert.Equal("Synced", (await rig.Dynamics.GetAsync("accounts", id)).Text("xero_syncstatus"));

        // Given up means given up: the echo of its own write-back does not start it again.
        var sent = PoisonPosts(rig);
        await RunUntilQuietAsync(rig, time);
        Assert.Equal(sent, PoisonPosts(rig));

        // `retry` sends it again (the fault is gone now).
        poisoned = false;
        Assert.Equal(1, await FailedRows.RequeueAsync((await rig.OpenAsync()).Store, "default", default));
        await RunUntilQuietAsync(rig, time);
        Assert.Equal("Synced", (await rig.Dynamics.GetAsync("accounts", poison)).Text("xero_syncstatus"));
        Assert.Empty((await rig.StatusAsync()).Failures);

        // Poisoned again, given up again; then a change to the row sends it again.
        poisoned = true;
        await rig.Dynamics.UpdateAsync("accounts", poison, new JsonObject { ["telephone1"] = "+1 555 0100" });
        await RunUntilQuietAsync(rig, time);
        Assert.Single((await rig.StatusAsync()).Failures);
        poisoned = false;
        await rig.Dynamics.UpdateAsync("accounts", poison, new JsonObject { ["telephone1"] = "+1 555 0101" });
        await RunUntilQuietAsync(rig, time);
        Assert.Empty((await rig.StatusAsync()).Failures);
        Assert.Equal("+1 555 0101", (await rig.Xero.ContactOfAccountAsync(poison)).PhoneNumber("DEFAULT"));
    }

    private static int PoisonPosts(Rig rig) => rig.XeroProxy.Requests.Count(r => r.IsXeroWrite && r.Body.Contains(Marker));

    /// <summary>`sync --once` runs, the clock moved past each backoff between them, until nothing is left to do.</summary>
    private static async Task<int> RunUntilQuietAsync(Rig rig, FakeTimeProvider time)
    {
        for (var run = 1; run <= 12; run++)
        {
            await SyncSession.RunAsync(await rig.OpenAsync(Settings, time), waitForRetries: false, default);
            var pending = (await rig.StatusAsync()).Tables.Sum(t => t.Pending);
            if (pending == 0) return run;
            time.Advance(TimeSpan.FromMinutes(10));
        }
        throw new Xunit.Sdk.XunitException("still pending after 12 runs");
    }
}
