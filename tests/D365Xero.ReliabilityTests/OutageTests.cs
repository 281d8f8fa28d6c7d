using System.Text.Json.Nodes;
using D365Xero.Hosting;
using D365Xero.Hosting.Web;
using D365Xero.Journal;
using D365Xero.ReliabilityTests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 19: an outage is not an error. Xero answering every call 500 for 13 minutes (as seen on its status
/// page), and Xero refusing connections, on the connector's own clock (<see cref="ClockDriver"/>): a few calls
/// into the outage, no row failed or counting an attempt beyond the one that opened the circuit, the work
/// resuming by itself after the first probe that gets an answer, nothing lost or sent twice.
/// </summary>
public sealed class OutageTests(ITestOutputHelper output)
{
    private const int Accounts = 20;
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(13);

    // A claim outlives the fake clock's jumps (a batch in flight for 200 ms of real time is ~40 s of fake time).
    private static readonly Dictionary<string, string> Settings = new() { ["Sync__ClaimLease"] = "1.00:00:00" };

    [Fact]
    public async Task A_13_minute_xero_outage_under_serve_costs_at_most_20_calls_fails_no_row_and_the_work_resumes_by_itself()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        for (var i = 0; i < Accounts; i++) await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Outage {i:D2}" });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ends = time.GetUtcNow() + Outage;
        var intoOutage = 0;
        rig.XeroProxy.Intercept = _ =>
        {
            if (time.GetUtcNow() >= ends) return null;
            Interlocked.Increment(ref intoOutage);
            return 500;
        };
        var runtime = await rig.OpenAsync(Settings, time);
        var connection = runtime.Connections.Single();
        using var stop = new CancellationTokenSource();
        var worker = Task.Run(() => new ConnectionWorker(connection, new WorkSignal()).RunAsync(stop.Token));

        string? shown = null;
        await ClockDriver.RunAsync(time, async () =>
        {
            if (shown is null && time.GetUtcNow() > ends - TimeSpan.FromMinutes(5))
                shown = (await StatusReport.ReadAsync(runtime.Store, ["default"], 10, default)).Connections[0].Outages?.FirstOrDefault()?.Describe();
            return time.GetUtcNow() > ends && await SyncedAsync(runtime.Store) == Accounts;
        }, TimeSpan.FromMinutes(40));
        var resumed = time.GetUtcNow() - ends;
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => worker);

        var status = await rig.StatusAsync();
        var contacts = await rig.Xero.ContactsAsync();
        output.WriteLine($"13 min of HTTP 500: {intoOutage} calls into the outage; resumed {resumed.TotalSeconds:0} s after it ended; " +
            $"{status.Failures.Count} rows failed; {contacts.Count} contacts for {Accounts} accounts; status during it: {shown}");
        Assert.InRange(intoOutage, 1, 20);
        Assert.Empty(status.Failures);
        Assert.Equal(Accounts, status.Tables.Single(t => t.Table == "account").Synced);
        Assert.Equal(Accounts, contacts.Count);
        Assert.Equal(Accounts, contacts.Select(c => c["ContactNumber"]?.GetValue<string>()).Distinct().Count());
        Assert.InRange(resumed, TimeSpan.Zero, TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30));
        Assert.NotNull(shown);
        Assert.Matches(@"^Xero unavailable since .+ \(last answer: .*HTTP 500.*\), next probe at ", shown);
        Assert.Empty((await rig.StatusAsync()).Outages ?? []);
    }

    [Fact]
    public async Task Sync_once_with_xero_refusing_connections_gives_up_after_outage_give_up_leaving_every_row_pending_and_the_next_run_sends_them_once()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        for (var i = 0; i < Accounts; i++) await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Refused {i:D2}" });
        await using var relay = TcpRelay.Start(rig.XeroProxy.Url.Port);
        var settings = new Dictionary<string, string>(Settings)
        {
            ["Xero__ApiUrl"] = relay.Url.ToString().TrimEnd('/'),
            ["Xero__IdentityUrl"] = relay.Url.ToString().TrimEnd('/'),
        };
        relay.Cut();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runtime = await rig.OpenAsync(settings, time);

        var run = SyncSession.RunAsync(runtime, waitForRetries: true, default);
        var took = await ClockDriver.RunAsync(time, () => Task.FromResult(run.IsCompleted), TimeSpan.FromMinutes(10));
        var outcome = Assert.Single(await run);
        var status = await rig.StatusAsync();
        output.WriteLine($"Connections refused: the run ended after {took.TotalSeconds:0} s (fake clock), {outcome.XeroCalls} Xero API calls tried; {outcome.UnavailableReason}");

        Assert.InRange(took, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3));
        Assert.NotNull(outcome.UnavailableReason);
        Assert.Contains("Xero unavailable since", outcome.UnavailableReason);
        Assert.Contains("refused", outcome.UnavailableReason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"{Accounts} rows wait for the next run", outcome.UnavailableReason);
        Assert.Equal(0, outcome.FailedRows);
        Assert.Empty(status.Failures);
        Assert.Equal(Accounts, status.Tables.Single(t => t.Table == "account").Pending);
        Assert.InRange(outcome.XeroCalls, 0, 20);

        relay.Restore();
        var next = Assert.Single(await SyncSession.RunAsync(await rig.OpenAsync(settings, time), waitForRetries: true, default));
        Assert.Null(next.UnavailableReason);
        Assert.Equal(0, next.FailedRows);
        var contacts = await rig.Xero.ContactsAsync();
        Assert.Equal(Accounts, contacts.Count);
        Assert.Equal(Accounts, contacts.Select(c => c["ContactNumber"]?.GetValue<string>()).Distinct().Count());
    }

    private static async Task<long> SyncedAsync(ISyncStore store) =>
        (await store.CountLinksAsync("default", default)).Where(c => c.Table == "account" && c.Status == SyncStatus.Synced).Sum(c => c.Count);
}
