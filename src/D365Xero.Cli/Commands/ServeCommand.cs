using System.CommandLine;
using D365Xero.Hosting.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace D365Xero.Cli.Commands;

/// <summary>`serve`: webhook intake, the change-tracking poller, the workers, status page, health and metrics.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the service: webhook endpoints (POST /webhooks/dataverse; POST /webhooks/xero with Xero__WebhookKey), change-tracking poller, the invoice poll (Sync__InvoicePollInterval), workers (a partial batch waits for a fuller one, at most Sync__MaxBatchWait, while changes arrive faster than Xero's minute carries one call each), status page (/), /healthz, /readyz and /metrics; listens on Urls (default http://127.0.0.1:5570). Several instances may share one Postgres store: each works the connections whose lease it holds (Instance__Id, Instance__LeaseDuration; see README, Several instances).");
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await ConnectorWebApp.BuildAsync(CommandHost.Configuration(parse), ct);
            var settings = app.Services.GetRequiredService<ServeSettings>();
            foreach (var url in settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries)) PortCheck.ThrowIfTaken(url, "Urls");
            if (settings.WebhookSecret is null)
            {
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("serve")
                    .LogWarning("Webhook__Secret is not set: webhook posts are refused, and changes arrive by polling only.");
            }
            await app.StartAsync(ct);
            Console.WriteLine($"Serving on {string.Join(", ", app.Urls)}: status page /, Dataverse's webhooks {settings.PublicWebhookUrl}, Xero's webhooks {app.Urls.First().TrimEnd('/')}/webhooks/xero"
                + (app.Services.GetRequiredService<D365Xero.Hosting.ConnectorRuntime>().Connections.Any(c => !string.IsNullOrEmpty(c.Xero.Options.WebhookKey)) ? "" : " (off: no Xero__WebhookKey; invoices are read back by the poll)") + ". Ctrl-C stops.");
            // Ctrl-C, or the service manager's stop (systemd's SIGTERM, a Windows service stop) via the host.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
            await EmulateCommand.WaitForCancellationAsync(stopping.Token);
            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }
}
