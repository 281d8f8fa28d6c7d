using D365Xero.Sync;

namespace D365Xero.Bench;

/// <summary>
/// `serve` at Xero's real minute (60 calls per 60 s): a burst of new accounts, then a sustained stream of new
/// accounts and renames, through Dataverse's webhooks. A change is in Xero when the emulator accepted a contact
/// write carrying its account's name at its version or later (the emulator's dated request journal); latency runs
/// from the moment the user's request was sent. The batches' pacing (Sync:MaxBatchWait) is the product's default.
/// </summary>
public static class ConnectorLive
{
    public const int Burst = 1500;
    public const int PerSecond = 20;
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);
    public const int TrickleChanges = 5;
    public static readonly TimeSpan TrickleEvery = TimeSpan.FromSeconds(3);

    public static async Task<ScenarioFigures> RunAsync(int burst, int perSecond, TimeSpan duration, Action<string> log, CancellationToken ct)
    {
        log($"connector live: empty Dataverse, serve with webhooks, Xero's minute {EmulatorProcess.MinuteWindow.TotalSeconds:0} s…");
        await using var emulators = await EmulatorProcess.StartAsync("none", xeroDayLimit: 5000, ct);
        using var stats = new EmulatorStats(emulators.DataverseUrl, emulators.XeroUrl);
        await using var connector = await ConnectorSetup.OpenAsync(emulators, ct);
        await connector.ProvisionAsync(ct);
        await new SyncRunner(connector.Connection).RunOnceAsync(waitForRetries: true, ct);
        await using var app = await ServeHost.StartAsync(connector, ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        await ServeHost.DrainedAsync(connector, ct);
        var start = DateTimeOffset.UtcNow;

        using var driver = new LiveDriver(emulators.DataverseUrl, emulators.XeroUrl);
        await TrickleAsync(driver, start, log, ct);
        await stats.ResetAsync(ct);
        await using var meter = ResourceMeter.Start();
        log($"connector live: a burst of {burst} new accounts, then {perSecond}/s for {duration.TotalSeconds:0} s (half new, half renames)…");
        await driver.BurstAsync(burst, parallel: 8, ct);
        var burstSent = DateTimeOffset.UtcNow;
        await driver.StreamAsync(perSecond, duration, ct);
        var writes = await SettleAsync(driver, start, TimeSpan.FromSeconds(60), ct);
        await meter.StopAsync();
        var counts = await stats.ReadAsync(ct);
        await app.StopAsync(ct);
        return Figures(driver, writes, counts, meter, start, burstSent, "connector live", log);
    }

    /// <summary>The trickle before the load (its latency is reported apart; its calls are not counted with the load's).</summary>
    public static async Task TrickleAsync(LiveDriver driver, DateTimeOffset start, Action<string> log, CancellationToken ct)
    {
        log($"  a trickle of {TrickleChanges} new accounts, one every {TrickleEvery.TotalSeconds:0} s…");
        await driver.TrickleAsync(TrickleChanges, TrickleEvery, ct);
        await SettleAsync(driver, start, TimeSpan.FromSeconds(30), ct);
    }

    /// <summary>Until every account's latest name is in Xero, or <paramref name="limit"/> after the last change.</summary>
    public static async Task<List<(DateTimeOffset At, int Number, int Version)>> SettleAsync(LiveDriver driver, DateTimeOffset since, TimeSpan limit, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (true)
        {
            var writes = await driver.XeroWritesAsync(since, ct);
            if (driver.Behind(writes) == 0 || DateTimeOffset.UtcNow > deadline) return writes;
            await Task.Delay(250, ct);
        }
    }

    public static ScenarioFigures Figures(LiveDriver driver, List<(DateTimeOffset At, int Number, int Version)> writes, EmulatorStats.Counts counts,
        ResourceMeter meter, DateTimeOffset start, DateTimeOffset burstSent, string who, Action<string> log, DateTimeOffset? censoredAt = null)
    {
        var (p50, p99, done, lastArrival) = driver.Latency(writes, censoredAt: censoredAt);
        var trickle = driver.Latency(writes, trickle: true);
        var changes = driver.LoadChanges;
        var contactWrites = Writes(counts);
        var behind = driver.Behind(writes);
        var tail = lastArrival is { } l ? (l - driver.LastSent).TotalSeconds : double.NaN;
        log($"  {who}: trickle p50 {trickle.P50:F0} ms (of {trickle.Done}); load: {done}/{changes} changes in Xero, {behind} accounts behind their latest name; contact writes {contactWrites} (bound {(changes + 49) / 50}); "
            + $"p50 {p50:F0} ms, p99 {p99:F0} ms; last in Xero {tail:F1} s after the last change; Xero {counts.XeroByOperation.ToJsonString()}");
        // When each contact write arrived (seconds from the first change of the load) and how many contacts it carried.
        var loadStart = driver.Changes.Where(c => !c.Trickle).Min(c => c.SentAt);
        log("  writes (s:contacts): " + string.Join(' ', writes.Where(w => w.At >= loadStart).GroupBy(w => w.At).OrderBy(g => g.Key)
            .Select(g => $"{(g.Key - loadStart).TotalSeconds:F1}:{g.Count()}")));
        return new ScenarioFigures
        {
            Rows = done,
            FailedRows = changes - done,
            XeroCalls = counts.XeroCalls,
            XeroWrites = contactWrites,
            LowerBoundCalls = (changes + 49) / 50,
            MinuteBudgetUsed = EmulatorProcess.BudgetShare(counts.XeroCalls, meter.Elapsed),
            Http429 = counts.Xero429,
            DataverseCalls = counts.DataverseCalls - changes,
            CpuMsPerRow = meter.Cpu.TotalMilliseconds / Math.Max(1, changes),
            PeakMemoryMb = meter.PeakMemoryMb,
            LatencyP50Ms = p50,
            LatencyP99Ms = p99,
            Elapsed = meter.Elapsed,
            Note = $"{changes:N0} changes (a burst of {driver.Changes.Count(c => !c.Trickle && c.SentAt <= burstSent):N0} new accounts, then new accounts and renames at {PerSecond}/s)"
                + (trickle.Done > 0 ? $", after a trickle of {trickle.Done} new accounts one every {TrickleEvery.TotalSeconds:0} s (its median latency {trickle.P50:F0} ms, not in the figures above)" : "")
                + (censoredAt is { } stop ? $"; stopped {(stop - driver.LastSent).TotalSeconds:0} s after the last change with {changes - done:N0} changes not yet in Xero, each counted with the time it had waited by then: p50 and p99 are lower bounds" : "")
                + $"; {behind} accounts not at their latest name in Xero" + (behind == 0 ? $"; everything in Xero {tail:F1} s after the last change was sent; " : "; ")
                + $"CPU includes sending the users' requests; Xero minute {EmulatorProcess.MinuteWindow.TotalSeconds:0} s; Dataverse 429s {counts.Dataverse429}",
        };
    }

    /// <summary>Contact writes (POST or PUT /Contacts), from the emulator's count by operation.</summary>
    private static int Writes(EmulatorStats.Counts counts) =>
        counts.XeroByOperation.Where(o => o.Key is "POST /Contacts" or "PUT /Contacts").Sum(o => o.Value!.GetValue<int>());
}
