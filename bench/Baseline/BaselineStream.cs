using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace D365Xero.Bench.Baseline;

/// <summary>
/// The per-record stream: a Logic App triggered by each Dataverse change (here the same webhook steps, posted
/// to a tiny receiver) reads the row, POSTs the one contact to Xero and writes the id back, one change at a time.
/// Its Xero contacts come from a per-record back-fill of the accounts first (not measured).
/// </summary>
public static class BaselineStream
{
    public static async Task<ScenarioFigures> RunAsync(Action<string> log, CancellationToken ct)
    {
        log($"baseline stream: seeding {ConnectorStream.SeedAccounts} accounts and back-filling them per record first…");
        await using var emulators = await EmulatorProcess.StartAsync(ConnectorStream.SeedAccounts, xeroDayLimit: 5000, ct);
        using var stats = new EmulatorStats(emulators.DataverseUrl, emulators.XeroUrl);
        using var client = new PerRecordClient(emulators.DataverseUrl, emulators.XeroUrl);
        var run = new BaselineBackfill.Run(client);

        await using var receiver = await TriggerReceiver.StartAsync(emulators, ct);
        await run.AccountsAsync(ct);
        using var driver = new ChangeDriver(emulators.DataverseUrl, emulators.XeroUrl);
        var accounts = await driver.AccountsAsync(ct);
        while (receiver.Changes.TryRead(out _)) { } // Anything the back-fill's own writes triggered.
        await stats.ResetAsync(ct);

        log($"baseline stream: {ChangeDriver.Changes} changes at {ChangeDriver.PerSecond}/s…");
        var done = new ConcurrentDictionary<Guid, DateTimeOffset>();
        var failed = 0;
        await using var meter = ResourceMeter.Start();
        using var stop = new CancellationTokenSource();
        var worker = Task.Run(async () =>
        {
            await foreach (var id in receiver.Changes.ReadAllAsync(stop.Token))
            {
                var element = await BaselineBackfill.Run.ReadContactAsync(client, id, stop.Token);
                if (!run.ContactIds.TryGetValue(id, out var contactId))
                {
                    Interlocked.Increment(ref failed); // It never reached Xero in the back-fill (a refused duplicate name).
                    continue;
                }
                element["ContactID"] = contactId;
                if (await client.XeroPostOneAsync("Contacts", element, stop.Token) is null)
                {
                    Interlocked.Increment(ref failed);
                    continue;
                }
                await client.DataversePatchAsync($"accounts({id})", new JsonObject { ["xero_contactid"] = contactId }, stop.Token);
                done[id] = DateTimeOffset.UtcNow;
            }
        }, CancellationToken.None);
        await driver.RunAsync(accounts, ct);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (done.Count + Volatile.Read(ref failed) < driver.Sent.Count && DateTimeOffset.UtcNow < deadline) await Task.Delay(50, ct);
        await meter.StopAsync();
        var counts = await stats.ReadAsync(ct);
        await stop.CancelAsync();
        try { await worker; } catch (OperationCanceledException) { /* stopped */ }
        await receiver.StopAsync(ct);

        var (p50, p99, completed) = driver.Latency(done);
        log($"  baseline: {completed}/{driver.Sent.Count} reached Xero, {failed} refused; Xero {counts.XeroByOperation.ToJsonString()}");
        return new ScenarioFigures
        {
            Rows = completed,
            FailedRows = driver.Sent.Count - completed,
            XeroCalls = counts.XeroCalls,
            MinuteBudgetUsed = EmulatorProcess.BudgetShare(counts.XeroCalls, meter.Elapsed),
            Http429 = counts.Xero429,
            DataverseCalls = counts.DataverseCalls - driver.Sent.Count,
            CpuMsPerRow = meter.Cpu.TotalMilliseconds / Math.Max(1, driver.Sent.Count),
            PeakMemoryMb = meter.PeakMemoryMb,
            LatencyP50Ms = p50,
            LatencyP99Ms = p99,
            Elapsed = meter.Elapsed,
            Note = ChangeDriver.Describe(completed) + $"; {counts.WebhooksDelivered} webhook posts; Dataverse 429s {counts.Dataverse429}",
        };
    }
}
