namespace D365Xero.Source.Webhooks;

/// <summary>
/// What a Dataverse webhook post tells the connector: which row of which table changed, and how.
/// The worker reads the row's current state, so duplicate and out-of-order posts are harmless.
/// </summary>
/// <param name="Parent">For an order line, its order (from the post's images), so a deleted line still re-sends its order.</param>
public sealed record WebhookNotice(string Table, Guid Id, string Message, Guid? Parent = null);
