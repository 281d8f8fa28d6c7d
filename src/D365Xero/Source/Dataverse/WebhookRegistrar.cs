using System.Security;
using System.Text.Json.Nodes;
using D365Xero.Errors;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// Registers the connector's webhook in Dataverse (<c>register-webhooks</c>): a serviceendpoint with
/// contract 8, one asynchronous post-operation step per table and message, and a pre-image on Delete
/// steps (docs/dataverse-rules.md#d-webhook-endpoint; learn.microsoft.com/power-apps/developer/data-platform/register-web-hook; docs/dataverse-rules.md#d-webhook-steps). Idempotent: a second run finds what exists and updates it instead of adding more.
/// </summary>
public sealed class WebhookRegistrar(DataverseClient client)
{
    /// <summary>The header the secret travels in; the receiver checks it.</summary>
    public const string SecretHeader = "x-d365xero-secret";

    private const string PreImageAlias = "PreImage";
    private static readonly string[] Messages = ["Create", "Update", "Delete"];

    public async Task<WebhookRegistrationResult> RegisterAsync(WebhookEndpoint endpoint, IReadOnlyList<WebhookStep> steps,
        CancellationToken cancellationToken = default)
    {
        foreach (var step in steps) Validate(step);
        var (endpointId, endpointCreated) = await EnsureEndpointAsync(endpoint, cancellationToken).ConfigureAwait(false);

        // Existing steps of this endpoint, by message filter (register-web-hook.md lists them this way).
        var existing = await client.GetRowsAsync(
            $"serviceendpoints({ODataLiteral.Guid(endpointId)})/serviceendpoint_sdkmessageprocessingstep?$select=sdkmessageprocessingstepid,name,_sdkmessagefilterid_value",
            DataverseOperation.Webhook, cancellationToken).ConfigureAwait(false);

        var messageIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var registered = new List<RegisteredStep>();
        foreach (var step in steps)
        {
            if (!messageIds.TryGetValue(step.Message, out var messageId))
                messageIds[step.Message] = messageId = await FindMessageAsync(step.Message, cancellationToken).ConfigureAwait(false);
            var filterId = await FindFilterAsync(step, cancellationToken).ConfigureAwait(false);

            var body = StepBody(step, endpointId, messageId, filterId);
            var match = existing.FirstOrDefault(r => r["_sdkmessagefilterid_value"]?.GetValue<string>() is { } f
                && Guid.TryParse(f, out var g) && g == filterId);
            Guid stepId;
            bool created;
            if (match is not null)
            {
                stepId = DataverseClient.ReadGuid(match, "sdkmessageprocessingstepid");
                await UpdateAsync("sdkmessageprocessingsteps", stepId, body, cancellationToken).ConfigureAwait(false);
                created = false;
            }
            else
            {
                stepId = await client.CreateAsync("sdkmessageprocessingsteps", body, DataverseOperation.Webhook, cancellationToken).ConfigureAwait(false);
                created = true;
            }

            Guid? imageId = step.PreImageAttributes is { Count: > 0 } attributes
                ? await EnsurePreImageAsync(stepId, attributes, cancellationToken).ConfigureAwait(false)
                : null;
            registered.Add(new RegisteredStep(step.Table, step.Message, stepId, created, imageId));
        }
        return new WebhookRegistrationResult(endpointId, endpointCreated, registered);
    }

    /// <summary>
    /// Unregisters the webhook endpoint named <paramref name="endpointName"/>: each of its steps (their images go with them),
    /// then the endpoint (docs/dataverse-rules.md#d-webhook-endpoint). Returns what it removed, e.g. <c>step Update of account</c>;
    /// a <paramref name="dryRun"/> only finds them.
    /// </summary>
    public async Task<IReadOnlyList<string>> RemoveAsync(string endpointName, bool dryRun, CancellationToken cancellationToken = default)
    {
        var removed = new List<string>();
        var endpoints = await client.GetRowsAsync("serviceendpoints?$select=serviceendpointid,url&$filter="
            + Uri.EscapeDataString($"contract eq 8 and name eq {ODataLiteral.Quote(endpointName)}"), DataverseOperation.Webhook, cancellationToken).ConfigureAwait(false);
        foreach (var endpoint in endpoints)
        {
            var endpointId = DataverseClient.ReadGuid(endpoint, "serviceendpointid");
            var steps = await client.GetRowsAsync(
                $"serviceendpoints({ODataLiteral.Guid(endpointId)})/serviceendpoint_sdkmessageprocessingstep?$select=sdkmessageprocessingstepid,name",
                DataverseOperation.Webhook, cancellationToken).ConfigureAwait(false);
            foreach (var step in steps)
            {
                removed.Add($"the webhook step '{step["name"]?.GetValue<string>()}'");
                if (!dryRun) await client.DeleteRowAsync("sdkmessageprocessingsteps", DataverseClient.ReadGuid(step, "sdkmessageprocessingstepid"), cancellationToken).ConfigureAwait(false);
            }
            removed.Add($"the webhook endpoint '{endpointName}' ({endpoint["url"]?.GetValue<string>()})");
            if (!dryRun) await client.DeleteRowAsync("serviceendpoints", endpointId, cancellationToken).ConfigureAwait(false);
        }
        return removed;
    }

    /// <summary>The HttpHeader auth value: XML, with the secret escaped so a quote or &amp; cannot break it.</summary>
    internal static string AuthValue(string secret) =>
        $"<settings><setting name=\"{SecretHeader}\" value=\"{SecurityElement.Escape(secret)}\"/></settings>";

    private async Task<(Guid Id, bool Created)> EnsureEndpointAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["name"] = endpoint.Name,
            ["url"] = endpoint.Url.AbsoluteUri,
            ["contract"] = 8,      // Webhook
            ["authtype"] = 5,      // HttpHeader
            ["authvalue"] = AuthValue(endpoint.Secret), // not readable back, so always written
            ["messageformat"] = 2, // Json
        };
        var found = await client.GetRowsAsync(
            "serviceendpoints?$select=serviceendpointid,name,url&$filter="
            + Uri.EscapeDataString($"contract eq 8 and name eq {ODataLiteral.Quote(endpoint.Name)}"),
            DataverseOperation.Webhook, cancellationToken).ConfigureAwait(false);
        if (found.FirstOrDefault() is { } row)
        {
            var id = DataverseClient.ReadGuid(row, "serviceendpointid");
            await UpdateAsync("serviceendpoints", id, body, cancellationToken).ConfigureAwait(false);
            return (id, false);
        }
        return (await client.CreateAsync("serviceendpoints", body, DataverseOperation.Webhook, cancellationToken).ConfigureAwait(false), true);
    }

    private async Task<Guid> FindMessageAsync(string message, CancellationToken cancellationToken)
    {
        var rows = await client.GetRowsAsync(
            "sdkmessages?$select=sdkmessageid,name&$filter=" + Uri.EscapeDataString($"name eq {ODataLiteral.Quote(message)}"),
            DataverseOperation.Webhook, cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault() is { } row
            ? DataverseClient.ReadGuid(row, "sdkmessageid")
            : throw new RemoteApiException("Dataverse", ErrorKind.Permanent, $"Dataverse has no SDK message named '{message}'.");
    }

    private async Task<Guid> FindFilterAsync(WebhookStep step, CancellationToken cancellationToken)
    {
        var rows = await client.GetRowsAsync(
            "sdkmessagefilters?$select=sdkmessagefilterid&$filter=" + Uri.EscapeDataString(
                $"primaryobjecttypecode eq {ODataLiteral.Quote(step.Table)} and sdkmessageid/name eq {ODataLiteral.Quote(step.Message)}"),
            DataverseOperation.Webhook, cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault() is { } row
            ? DataverseClient.ReadGuid(row, "sdkmessagefilterid")
            : throw new RemoteApiException("Dataverse", ErrorKind.Permanent,
                $"Dataverse cannot run a step for {step.Message} of '{step.Table}' (no sdkmessagefilter): check the table name.");
    }

    private static JsonObject StepBody(WebhookStep step, Guid endpointId, Guid messageId, Guid filterId)
    {
        var body = new JsonObject
        {
            ["name"] = $"d365-xero: {step.Message} of {step.Table}",
            ["description"] = "Posts the change to the d365-xero connector's webhook.",
            ["mode"] = 1,                // asynchronous: a slow receiver never blocks a Dynamics user
            ["stage"] = 40,              // post-operation, the only stage allowed for async steps
            ["rank"] = 1,
            ["supporteddeployment"] = 0, // server only
            ["asyncautodelete"] = true,  // successful jobs only; failed ones stay for troubleshooting
            ["eventhandler_serviceendpoint@odata.bind"] = $"/serviceendpoints({ODataLiteral.Guid(endpointId)})",
            ["sdkmessageid@odata.bind"] = $"/sdkmessages({ODataLiteral.Guid(messageId)})",
            ["sdkmessagefilterid@odata.bind"] = $"/sdkmessagefilters({ODataLiteral.Guid(filterId)})",
        };
        if (step.Message == "Update")
            body["filteringattributes"] = step.FilteringAttributes is { Count: > 0 } columns ? string.Join(',', columns) : null;
        return body;
    }

    private async Task<Guid> EnsurePreImageAsync(Guid stepId, IReadOnlyList<string> attributes, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["name"] = PreImageAlias,
            ["entityalias"] = PreImageAlias,
            ["imagetype"] = 0,                    // PreImage
            ["messagepropertyname"] = "Target",   // Delete's input parameter
            ["attributes"] = string.Join(',', attributes),
            ["sdkmessageprocessingstepid@odata.bind"] = $"/sdkmessageprocessingsteps({ODataLiteral.Guid(stepId)})",
        };
        var found = await client.GetRowsAsync(
            "sdkmessageprocessingstepimages?$select=sdkmessageprocessingstepimageid&$filter=" + Uri.EscapeDataString(
                $"_sdkmessageprocessingstepid_value eq {ODataLiteral.Guid(stepId)} and entityalias eq {ODataLiteral.Quote(PreImageAlias)}"),
            DataverseOperation.Webhook, cancellationToken).ConfigureAwait(false);
        if (found.FirstOrDefault() is { } row)
        {
            var id = DataverseClient.ReadGuid(row, "sdkmessageprocessingstepimageid");
            await UpdateAsync("sdkmessageprocessingstepimages", id, body, cancellationToken).ConfigureAwait(false);
            return id;
        }
        return await client.CreateAsync("sdkmessageprocessingstepimages", body, DataverseOperation.Webhook, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateAsync(string entitySet, Guid id, JsonObject body, CancellationToken cancellationToken)
    {
        if (!await client.PatchAsync(entitySet, id, body, cancellationToken).ConfigureAwait(false))
            throw new RemoteApiException("Dataverse", ErrorKind.Transient,
                $"The {entitySet} row {id} disappeared while registering the webhook; run register-webhooks again.");
    }

    private static void Validate(WebhookStep step)
    {
        DataverseClient.RequireName(step.Table, nameof(step));
        if (!Messages.Contains(step.Message, StringComparer.Ordinal))
            throw new ArgumentException($"Unsupported message '{step.Message}': use Create, Update or Delete.", nameof(step));
        if (step.FilteringAttributes is { Count: > 0 } && step.Message != "Update")
            throw new ArgumentException("Filtering attributes apply only to Update steps.", nameof(step));
        // docs/dataverse-rules.md#d-webhook-images; learn.microsoft.com/power-apps/developer/data-platform/register-web-hook: a pre-image does not exist on Create; the connector only needs one on Delete.
        if (step.PreImageAttributes is { Count: > 0 } && step.Message != "Delete")
            throw new ArgumentException("The connector registers a pre-image only on Delete steps.", nameof(step));
        foreach (var column in (step.FilteringAttributes ?? []).Concat(step.PreImageAttributes ?? []))
            DataverseClient.RequireName(column, nameof(step));
    }
}
