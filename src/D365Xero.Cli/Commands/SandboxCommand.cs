using System.CommandLine;
using D365Xero.Hosting;
using D365Xero.Hosting.Web;
using D365Xero.WriteBack;
using Microsoft.Extensions.DependencyInjection;

namespace D365Xero.Cli.Commands;

/// <summary>
/// `sandbox`: the quick start. Both emulators seeded with a demo company, the connector against them
/// on a throwaway SQLite store: provision, back-fill, then follow live changes until Ctrl-C.
/// </summary>
public static class SandboxCommand
{
    public static readonly Option<bool> Once = new("--once") { Description = "Exit after the demo back-fill instead of following live changes." };

    public static readonly Option<string> Seed = new("--seed")
    {
        Description = "Demo data: 'demo' for a small company, or a number N for the demo scaled to N accounts.",
        DefaultValueFactory = _ => "demo",
    };

    public static Command Create()
    {
        var command = new Command("sandbox", "Quick start, no account needed: local Dataverse and Xero emulators with a demo company, and the connector syncing it.")
        {
            Once, Seed, EmulateCommand.DataverseUrl, EmulateCommand.XeroUrl,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (EmulatorPair.SeedProblem(parse.GetValue(Seed)) is { } problem)
            {
                Console.Error.WriteLine($"d365-xero: {problem}");
                return 2;
            }
            var dataverseUrl = parse.GetValue(EmulateCommand.DataverseUrl)!;
            var xeroUrl = parse.GetValue(EmulateCommand.XeroUrl)!;
            var storePath = Path.Combine(Path.GetTempPath(), $"d365-xero-sandbox-{Environment.ProcessId}.db");
            try
            {
                // The emulators first: with port 0 (as tests ask) only they know where they listen.
                await using var emulators = await EmulatorPair.StartAsync(parse.GetValue(Seed), dataverseUrl, xeroUrl, ct);
                var overrides = EmulatorPair.ConnectorSettings(emulators.Dataverse.Url.ToString(), emulators.Xero.Url.ToString());
                overrides["Store:Provider"] = "Sqlite";
                overrides["Store:ConnectionString"] = $"Data Source={storePath}";
                overrides["Sync:PollInterval"] = "00:00:02";
                var configuration = CommandHost.Configuration(parse, overrides);
                configuration["Webhook:Secret"] ??= Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                // The Xero emulator signs its webhooks with this key, as Xero does with the app's (docs/round-trip.md).
                configuration["Xero:WebhookKey"] ??= Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                // Settings are checked (one line naming a wrong key, exit 2) before anything is sent.
                await using var app = await ConnectorWebApp.BuildAsync(configuration, ct);
                emulators.Describe(Console.Out);
                var runtime = ShutdownSignals.Runtime = app.Services.GetRequiredService<ConnectorRuntime>();
                var outcomes = await BackfillDemoAsync(runtime, ct);
                Console.WriteLine($"Look in Xero: GET {emulators.Xero.Url}api.xro/2.0/Contacts (Bearer token from {emulators.Xero.Url}connect/token, client sandbox/sandbox).");
                Console.WriteLine($"Look in Dynamics: GET {emulators.Dataverse.Url}api/data/v9.2/accounts?$select=name,xero_contactid,xero_syncstatus,xero_syncerror");
                // The same rule as `sync --once` and `backfill`: 1 when a row failed (the demo keeps one that must).
                if (parse.GetValue(Once)) return SyncCommand.ExitCode(outcomes);

                var settings = app.Services.GetRequiredService<ServeSettings>();
                foreach (var url in settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries)) PortCheck.ThrowIfTaken(url, "Urls");
                await app.StartAsync(ct);
                foreach (var connection in runtime.Connections) await RegisterWebhooksCommand.RegisterAsync(connection.Dataverse, settings, ct);
                Console.WriteLine($"Status page: {app.Urls.First()}/   Webhooks registered in the Dataverse emulator for {settings.PublicWebhookUrl}.");
                var xeroWebhooks = $"{app.Urls.First().TrimEnd('/')}/webhooks/xero";
                await SubscribeXeroWebhooksAsync(emulators.Xero.Url, xeroWebhooks, configuration["Xero:WebhookKey"]!, ct);
                Console.WriteLine($"The Xero emulator's webhooks post to {xeroWebhooks}.");
                Console.WriteLine("Change anything through the Dataverse emulator's Web API and it reaches Xero within seconds; approve, pay or credit an invoice");
                Console.WriteLine($"in the Xero emulator (POST {emulators.Xero.Url}_emulator/invoices/{{InvoiceID}}/authorise, …/payments, …/credit: docs/emulators.md)");
                Console.WriteLine("and its order shows it within seconds (docs/round-trip.md). Ctrl-C stops.");
                await EmulateCommand.WaitForCancellationAsync(ct);
                await app.StopAsync(CancellationToken.None);
                return 0;
            }
            finally
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(storePath + suffix);
            }
        });
        return command;
    }

    /// <summary>The Xero emulator's webhook subscription (what the app's page in Xero's developer portal holds).</summary>
    private static async Task SubscribeXeroWebhooksAsync(Uri xero, string url, string key, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = xero };
        using var response = await http.PostAsync("_emulator/webhooks",
            System.Net.Http.Json.JsonContent.Create(new Dictionary<string, string> { ["url"] = url, ["key"] = key }), ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Provisions the emulator as `provision` does (columns, payments table, forms, views), back-fills the demo company and prints what moved.</summary>
    private static async Task<IReadOnlyList<SyncSession.Outcome>> BackfillDemoAsync(ConnectorRuntime runtime, CancellationToken ct)
    {
        foreach (var connection in runtime.Connections)
        {
            var changes = await new Provisioning(connection.Dataverse, connection.Columns, connection.Dataverse.Options.FormNames).AddAsync(dryRun: false, ct);
            Console.WriteLine($"Provisioned the Dataverse emulator: {changes.Count} changes (write-back columns, the payments table, the forms' Xero section, views).");
        }
        Console.WriteLine("Back-filling the demo company into Xero...");
        var outcomes = await SyncSession.RunAsync(runtime, waitForRetries: false, ct);
        foreach (var outcome in outcomes) SummaryPrinter.Print(Console.Out, outcome);
        StatusCommand.Print(Console.Out, await StatusReport.ReadAsync(runtime.Store, runtime.Connections.Select(c => c.Name), 10, ct));
        Console.WriteLine();
        return outcomes;
    }
}
