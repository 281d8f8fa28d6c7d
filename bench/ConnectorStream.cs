using System.Collections.Concurrent;
using D365Xero.Sync;

namespace D365Xero.Bench;

/// <summary>
/// `serve` after its back-fill: the web host (webhook intake + the connection's worker + the 30 s poll backstop),
/// registered in Dataverse as `register-webhooks` does, while users change 10 accounts a second for a minute.
/// A change is done when the connection's <see cref="ChangeClock"/> says its row reached Xero (after the
/// write-back too, so a little later than Xero's own receipt); latency runs from the moment the PATCH was sent.
/// </summary>
public static class ConnectorStream
{
    public const int SeedAccounts = 600;

    public static async Task<ScenarioFigures> RunAsync(Action<string> log, CancellationToken ct)
    {
        log($"connector stream: seeding {SeedAccounts} accounts and back-filling them first…");
        await using var emulators = await EmulatorProcess.StartAsync(SeedAccounts, xeroDayLimit: 5000, ct);
        using var stats = new EmulatorStats(emulators.DataverseUrl, emulators.XeroUrl);
        await using var connector = await ConnectorSetup.OpenAsync(emulators, ct);
        await connector.ProvisionAsync(ct);
        var connection = connector.Connection;
        await new SyncRunner(connection).RunOnceAsync(waitForRetries: true, ct);

        await using var app = await ServeHost.StartAsync(connector, ct);

        using var driver = new ChangeDriver(emulators.DataverseUrl, emulators.XeroUrl);
        var accounts = await driver.AccountsAsync(ct);
        // The worker's first poll reads back the echo of the back-fill's own write-back (every account changed
        // after the saved cursor); let it drain so none of that work falls inside the measured minute.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        await ServeHost.DrainedAsync(connector, ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var done = new ConcurrentDictionary<Guid, DateTimeOffset>();
        connection.Clock.Observed += change =>
        {
            // Only a sync of a change heard after the user sent it counts as that change reaching Xero.
            if (change.Key.Table == "account" && driver.Sent.TryGetValue(change.Key.DynamicsId, out var sent) && change.HeardAt >= sent)
                done.TryAdd(change.Key.DynamicsId, change.HeardAt + change.Latency);
        };
        await stats.ResetAsync(ct);

        log($"connector stream: {ChangeDriver.Changes} changes at {ChangeDriver.PerSecond}/s…");
        await using var meter = ResourceMeter.Start();
        await driver.RunAsync(accounts, ct);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (done.Count(d => driver.Sent.ContainsKey(d.Key)) < driver.Sent.Count && DateTimeOffset.UtcNow < deadline) await Task.Delay(50, ct);
        await meter.StopAsync();
        log($"  connector CPU {meter.Cpu.TotalSeconds:F1} s; {meter.GcSummary}");
        var counts = await stats.ReadAsync(ct);
        await app.StopAsync(ct);

        var (p50, p99, completed) = driver.Latency(done);
        log($"  {completed}/{driver.Sent.Count} reached Xero; Xero {counts.XeroByOperation.ToJsonString()}; Dataverse {counts.DataverseByOperation.ToJsonString()}; webhooks {counts.WebhooksDelivered}");
        return new ScenarioFigures
        {
            Rows = completed,
            FailedRows = driver.Sent.Count - completed,
            XeroCalls = counts.XeroCalls,
            MinuteBudgetUsed = EmulatorProcess.BudgetShare(counts.XeroCalls, meter.Elapsed),
            Http429 = counts.Xero429,
            // The users' own PATCHes are not the connector's.
            DataverseCalls = counts.DataverseCalls - driver.Sent.Count,
            CpuMsPerRow = meter.Cpu.TotalMilliseconds / Math.Max(1, driver.Sent.Count),
            PeakMemoryMb = meter.PeakMemoryMb,
            LatencyP50Ms = p50,
            LatencyP99Ms = p99,
            Elapsed = meter.Elapsed,
            Note = ChangeDriver.Describe(completed) + $"; {counts.WebhooksDelivered} webhook posts; CPU includes sending the users' PATCHes; Dataverse 429s {counts.Dataverse429}",
        };
    }
}
