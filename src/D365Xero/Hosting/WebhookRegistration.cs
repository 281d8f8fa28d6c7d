using D365Xero.Hosting.Web;
using D365Xero.Source;
using D365Xero.Source.Dataverse;

namespace D365Xero.Hosting;

/// <summary>What `register-webhooks` does for one connection: the endpoint <c>d365-xero</c> at
/// <see cref="ServeSettings.PublicWebhookUrl"/> with the header secret, and the steps of <see cref="WebhookPlan"/>.</summary>
public static class WebhookRegistration
{
    public static Task<WebhookRegistrationResult> RegisterAsync(DataverseClient dataverse, ServeSettings settings, CancellationToken ct = default) =>
        new WebhookRegistrar(dataverse).RegisterAsync(
            new WebhookEndpoint("d365-xero", new Uri(settings.PublicWebhookUrl), settings.WebhookSecret!), WebhookPlan.Steps(), ct);
}
