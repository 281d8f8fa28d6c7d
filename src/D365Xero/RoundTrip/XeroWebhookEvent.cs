namespace D365Xero.RoundTrip;

/// <summary>
/// One event of a Xero webhook post (xero-webhooks.yaml 16.1.0, <c>WebhookEvent.events[]</c>): what changed
/// (<see cref="Category"/> INVOICE, CREDITNOTE, CONTACT or SUBSCRIPTION, and the resource's id) in which
/// organisation (<see cref="TenantId"/>). Xero sends no payment event: a payment is an UPDATE of its invoice.
/// </summary>
/// <param name="Category">eventCategory, upper case as Xero sends it.</param>
/// <param name="Type">eventType: CREATE or UPDATE (archiving is an UPDATE).</param>
/// <param name="EventDateUtc">eventDateUtc: when the change happened in Xero (UTC, sent without a zone); null when missing or malformed.</param>
public sealed record XeroWebhookEvent(string Category, string Type, Guid ResourceId, Guid TenantId, DateTimeOffset? EventDateUtc = null);
