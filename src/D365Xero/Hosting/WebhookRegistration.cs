using D365Xero.Hosting.Web;
using D365Xero.Source;
using D365Xero.Source.Dataverse;

namespace D365Xero.Hosting;

/// <summary>What `register-webhooks` does for one connection: the endpoint <c>d365-xero</c> at
/// <see cref="ServeSettings.PublicWebhookUrl"/> with the header secret, and the steps of <see cref="WebhookPlan"/>.</summary>
public static class WebhookRegistration
{
    /// <summary>The name of the connector's service endpoint in Dataverse.</summary>
    public const string EndpointName = "d365-xero";

    /// <param name="mapping">The connection's mapping: the columns it reads are among those whose change fires the Update steps.</param>
    public static Task<WebhookRegistrationResult> RegisterAsync(DataverseClient dataverse, ServeSettings settings, CancellationToken ct = default,
        Configuration.Mapping.MappingOptions? mapping = null) =>
        new WebhookRegistrar(dataverse).RegisterAsync(
            new WebhookEndpoint(EndpointName, new Uri(settings.PublicWebhookUrl), settings.WebhookSecret!), WebhookPlan.Steps(Tables.SyncedTables.Default, mapping), ct);

    /// <summary>What `provision --remove` does to the webhook: its steps and endpoint go (see <see cref="WebhookRegistrar.RemoveAsync"/>).</summary>
    public static Task<IReadOnlyList<string>> RemoveAsync(DataverseClient dataverse, bool dryRun, CancellationToken ct = default) =>
        new WebhookRegistrar(dataverse).RemoveAsync(EndpointName, dryRun, ct);
}
