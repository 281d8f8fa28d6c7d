namespace D365Xero.Emulators.Xero.Webhooks;

/// <summary>
/// One change Xero reports by webhook: a CONTACT, INVOICE or CREDITNOTE created or updated. A payment is an
/// UPDATE of its invoice (there is no payment category). Rule: [SPEC-WH] xero-webhooks.yaml events;
/// docs/xero-rules.md#x-webhook-events; developer.xero.com/documentation/webhooks/overview.
/// </summary>
internal sealed record ResourceChange(string Category, string Resource, Guid ResourceId, bool Created, DateTimeOffset At, Dictionary<string, string>? Data = null);

/// <summary>
/// Where the books report their changes, under the organisation's lock. The listener (the webhook
/// dispatcher) must only queue: it runs while the lock is held.
/// </summary>
internal sealed class ChangeFeed
{
    public Action<ResourceChange>? Listener { get; set; }

    public void Contact(Guid id, bool created, DateTimeOffset at) => Listener?.Invoke(new("CONTACT", "Contacts", id, created, at));

    public void Invoice(Guid id, bool created, DateTimeOffset at) => Listener?.Invoke(new("INVOICE", "Invoices", id, created, at));

    // Rule: [SPEC-WH] CreditNoteWebhookEvent: credit note events carry data.Type and data.Status; docs/xero-rules.md#x-webhook-events.
    public void CreditNote(Guid id, bool created, DateTimeOffset at, string type, string status) =>
        Listener?.Invoke(new("CREDITNOTE", "CreditNotes", id, created, at, new() { ["Type"] = type, ["Status"] = status }));
}
