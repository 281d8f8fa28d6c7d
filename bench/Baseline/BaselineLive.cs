using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace D365Xero.Bench.Baseline;

/// <summary>
/// The per-change connector of the `live` scenario: triggered by each Dataverse change (the same webhook steps,
/// posted to a tiny receiver), it reads the row, POSTs the one contact (with its ContactID once it has one) and
/// writes a new contact's id back, one change at a time, paced to Xero's 60 calls a minute. The same load as the connector's,
/// at Xero's real minute; one call per change, it would take 45 minutes to carry it all, so it is stopped <see cref="Settle"/>
/// after the last change was sent, as far as it got: a change not yet in Xero counts with the time it had waited by then
/// (its latency is at least that), so the percentiles are lower bounds.
/// </summary>
public static class BaselineLive
{
    /// <summary>How long after the last change the run stops.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    public static async Task<ScenarioFigures> RunAsync(Action<string> log, CancellationToken ct)
    {
        var burst = ConnectorLive.Burst;
        var duration = ConnectorLive.Duration;
        log($"baseline live: a burst of {burst}, then {ConnectorLive.PerSecond}/s for {duration.TotalSeconds:0} s, one call per change, stopped {Settle.TotalSeconds:0} s after the last…");
        await using var emulators = await EmulatorProcess.StartAsync("none", xeroDayLimit: 5000, ct);
        using var stats = new EmulatorStats(emulators.DataverseUrl, emulators.XeroUrl);
        using var client = new PerRecordClient(emulators.DataverseUrl, emulators.XeroUrl);

        await using var receiver = await TriggerReceiver.StartAsync(emulators, ct);
        var start = DateTimeOffset.UtcNow;

        var contactIds = new ConcurrentDictionary<Guid, string>();
        using var stop = new CancellationTokenSource();
        using var driver = new LiveDriver(emulators.DataverseUrl, emulators.XeroUrl);
        var worker = Task.Run(async () =>
        {
            await foreach (var id in receiver.Changes.ReadAllAsync(stop.Token))
            {
                var element = await BaselineBackfill.Run.ReadContactAsync(client, id, stop.Token);
                var known = contactIds.TryGetValue(id, out var contactId);
                if (known) element["ContactID"] = contactId;
                var written = await client.XeroPostOneAsync("Contacts", element, stop.Token);
                if (!known && written?["ContactID"]?.GetValue<string>() is { } created)
                {
                    contactIds[id] = created;
                    await client.DataversePatchAsync($"accounts({id})", new JsonObject { ["xero_contactid"] = created }, stop.Token);
                }
            }
        }, CancellationToken.None);
        // No trickle first: one call per change is instant at a trickle; only the load tells the two apart.
        await stats.ResetAsync(ct);
        await using var meter = ResourceMeter.Start();
        await driver.BurstAsync(burst, parallel: 8, ct);
        var burstSent = DateTimeOffset.UtcNow;
        await driver.StreamAsync(ConnectorLive.PerSecond, duration, ct);
        var writes = await ConnectorLive.SettleAsync(driver, start, Settle, ct);
        await meter.StopAsync();
        var counts = await stats.ReadAsync(ct);
        await stop.CancelAsync();
        try { await worker; } catch (OperationCanceledException) { /* stopped */ }
        await receiver.StopAsync(ct);
        return ConnectorLive.Figures(driver, writes, counts, meter, start, burstSent, "baseline live", log, censoredAt: DateTimeOffset.UtcNow);
    }
}
