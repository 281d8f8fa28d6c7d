using D365Xero.Sync;

namespace D365Xero.Bench;

/// <summary>
/// The back-fill as `backfill` runs it: change tracking's first read returns every row, then the journal
/// drains in batches of 50 until nothing is left (orders waiting for a dependency are waited for).
/// </summary>
public static class ConnectorBackfill
{
    public static async Task<ScenarioFigures> RunAsync(int accounts, Action<string> log, CancellationToken ct)
    {
        log($"connector back-fill: seeding {accounts:N0} accounts in the emulator process…");
        await using var emulators = await EmulatorProcess.StartAsync(accounts, xeroDayLimit: 5000, ct);
        using var stats = new EmulatorStats(emulators.DataverseUrl, emulators.XeroUrl);
        await using var connector = await ConnectorSetup.OpenAsync(emulators, ct);
        await connector.ProvisionAsync(ct);
        var (products, orders) = SeedShape.Of(accounts);
        await stats.ResetAsync(ct);

        log("connector back-fill: running…");
        await using var meter = ResourceMeter.Start();
        var emulatorCpu = emulators.ProcessorTime;
        await new SyncRunner(connector.Connection).RunOnceAsync(waitForRetries: true, ct);
        await meter.StopAsync();
        var emulatorCpuUsed = emulators.ProcessorTime - emulatorCpu;

        var counts = await stats.ReadAsync(ct);
        var (synced, failed) = connector.RowCounts();
        log($"  {connector.CounterSummary()}");
        log($"  Xero by operation: {counts.XeroByOperation.ToJsonString()}");
        log($"  Dataverse by operation: {counts.DataverseByOperation.ToJsonString()}");
        log($"  elapsed {meter.Elapsed.TotalSeconds:F1} s, connector CPU {meter.Cpu.TotalSeconds:F1} s, emulator CPU {emulatorCpuUsed.TotalSeconds:F1} s (not counted)");
        log($"  {meter.GcSummary}");
        return new ScenarioFigures
        {
            Rows = synced,
            FailedRows = failed,
            XeroCalls = counts.XeroCalls,
            LowerBoundCalls = Ceil(accounts) + Ceil(products) + Ceil(orders),
            MinuteBudgetUsed = EmulatorProcess.BudgetShare(counts.XeroCalls, meter.Elapsed),
            Http429 = counts.Xero429,
            DataverseCalls = counts.DataverseCalls,
            CpuMsPerRow = meter.Cpu.TotalMilliseconds / Math.Max(1, synced + failed),
            PeakMemoryMb = meter.PeakMemoryMb,
            Elapsed = meter.Elapsed,
            Note = $"seed {accounts:N0} accounts, {products:N0} products, {orders:N0} orders; Xero minute = {EmulatorProcess.MinuteWindow.TotalSeconds:0.##} s; Dataverse 429s {counts.Dataverse429}",
        };
    }

    private static long Ceil(int rows) => (rows + 49) / 50;
}
