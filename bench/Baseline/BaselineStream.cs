using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using D365Xero.Source;
using D365Xero.Source.Dataverse;
using D365Xero.Source.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

        var changes = Channel.CreateUnbounded<Guid>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var receiver = builder.Build();
        receiver.MapPost("/trigger", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            var (notice, _) = RemoteExecutionContextParser.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            if (notice is { Table: "account" }) changes.Writer.TryWrite(notice.Id);
            return Results.Accepted();
        });
        await receiver.StartAsync(ct);
        var url = receiver.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

        await using (var setup = await ConnectorSetup.OpenAsync(emulators, ct))
        {
            await setup.ProvisionAsync(ct);
            // The same steps (same filtering attributes, so the write-back does not trigger again), another endpoint.
            await new WebhookRegistrar(setup.Connection.Dataverse).RegisterAsync(
                new WebhookEndpoint("logic-app", new Uri(url.TrimEnd('/') + "/trigger"), "unused"), WebhookPlan.Steps(), ct);
        }
        await run.AccountsAsync(ct);
        using var driver = new ChangeDriver(emulators.DataverseUrl, emulators.XeroUrl);
        var accounts = await driver.AccountsAsync(ct);
        while (changes.Reader.TryRead(out _)) { } // Anything the back-fill's own writes triggered.
        await stats.ResetAsync(ct);

        log($"baseline stream: {ChangeDriver.Changes} changes at {ChangeDriver.PerSecond}/s…");
        var done = new ConcurrentDictionary<Guid, DateTimeOffset>();
        var failed = 0;
        await using var meter = ResourceMeter.Start();
        using var stop = new CancellationTokenSource();
        var worker = Task.Run(async () =>
        {
            await foreach (var id in changes.Reader.ReadAllAsync(stop.Token))
            {
                var row = await client.DataverseGetAsync(
                    $"accounts({id})?$select=name,accountnumber,emailaddress1,telephone1,websiteurl,address1_line1,address1_city,address1_postalcode,address1_country"
                    + "&$expand=contact_customer_accounts($select=firstname,lastname,emailaddress1)", stop.Token);
                var element = BaselineBackfill.Run.ContactOf(id, row);
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
