using System.CommandLine;
using D365Xero.Hosting;
using D365Xero.Hosting.Web;
using D365Xero.Source.Dataverse;

namespace D365Xero.Cli.Commands;

/// <summary>`register-webhooks`: the service endpoint and its steps in Dataverse; idempotent.</summary>
public static class RegisterWebhooksCommand
{
    public static Command Create()
    {
        var command = new Command("register-webhooks",
            "Register (or update) the webhook endpoint Webhook__PublicUrl with header secret Webhook__Secret, and async Create/Update/Delete steps on account, contact, product, salesorder and salesorderdetail (Update filtered to the columns the connector reads, the Mapping section's among them).");
        command.SetAction((parse, ct) => CommandHost.RunAsync(parse, ct, async (host, ct) =>
        {
            var runtime = host.Runtime;
            var settings = host.Get<ServeSettings>();
            if (settings.WebhookSecret is null)
            {
                Console.Error.WriteLine("Webhook__Secret must be set: it is the header secret Dataverse sends and serve checks.");
                return 1;
            }
            foreach (var connection in runtime.Connections)
            {
                var result = await WebhookRegistration.RegisterAsync(connection.Dataverse, settings, ct, connection.Options.Mapping);
                Console.WriteLine($"Connection '{connection.Name}': endpoint {settings.PublicWebhookUrl} {(result.EndpointCreated ? "created" : "updated")}; "
                    + $"{result.Steps.Count(s => s.Created)} steps created, {result.Steps.Count(s => !s.Created)} updated.");
            }
            return 0;
        }));
        return command;
    }

    public static Task<WebhookRegistrationResult> RegisterAsync(DataverseClient dataverse, ServeSettings settings, CancellationToken ct = default) =>
        WebhookRegistration.RegisterAsync(dataverse, settings, ct);
}
