namespace D365Xero.Emulators.Dataverse;

/// <summary>A POST to a webhook endpoint, built at commit time so later writes cannot change it.</summary>
internal sealed record WebhookDelivery(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body);
