namespace D365Xero.Source.Dataverse;

/// <summary>The connector's webhook: where Dataverse posts and the shared secret it sends as a header.</summary>
/// <param name="Name">The serviceendpoint's name; a second run finds the endpoint by it.</param>
public sealed record WebhookEndpoint(string Name, Uri Url, string Secret);

/// <summary>
/// One step: fire the webhook asynchronously after <paramref name="Message"/> on <paramref name="Table"/>.
/// </summary>
/// <param name="Message"><c>Create</c>, <c>Update</c> or <c>Delete</c>.</param>
/// <param name="FilteringAttributes">Update only: the mapped source columns; leave out the connector's own
/// columns so its write-back does not fire the webhook again (docs/product-rules.md#p-echo-suppression; docs/dataverse-rules.md#d-webhook-steps; learn.microsoft.com/power-apps/developer/data-platform/register-web-hook).</param>
/// <param name="PreImageAttributes">Delete only: columns Dataverse sends in a pre-image, such as the Xero ID
/// column, so the receiver knows what to archive (docs/dataverse-rules.md#d-webhook-images; learn.microsoft.com/power-apps/developer/data-platform/register-web-hook).</param>
public sealed record WebhookStep(string Table, string Message,
    IReadOnlyList<string>? FilteringAttributes = null, IReadOnlyList<string>? PreImageAttributes = null);

/// <summary>What <see cref="WebhookRegistrar.RegisterAsync"/> found or made.</summary>
public sealed record WebhookRegistrationResult(Guid EndpointId, bool EndpointCreated, IReadOnlyList<RegisteredStep> Steps);

public sealed record RegisteredStep(string Table, string Message, Guid StepId, bool Created, Guid? PreImageId);
