using System.Text.Json;

namespace D365Xero.RoundTrip;

/// <summary>
/// A Xero webhook post, parsed only after its signature was found right (<see cref="XeroWebhookSignature"/>):
/// <c>{"events": [...], "firstEventSequence": n, "lastEventSequence": n, "entropy": "…"}</c>
/// (xero-webhooks.yaml 16.1.0 <c>WebhookEvent</c>; https://developer.xero.com/documentation/webhooks/overview).
/// An intent-to-receive post is the same with <c>"events": []</c> and sequences 0
/// (https://developer.xero.com/documentation/webhooks/configuring-your-server).
/// </summary>
/// <param name="Events">The events the connector can act on.</param>
/// <param name="Skipped">Events left out because a field they need (eventCategory, resourceId, tenantId) was missing or not a GUID; each with why.</param>
public sealed record XeroWebhookPayload(IReadOnlyList<XeroWebhookEvent> Events, IReadOnlyList<string> Skipped)
{
    /// <summary>No events at all: Xero's intent-to-receive.</summary>
    public bool IsIntentToReceive => Events.Count == 0 && Skipped.Count == 0;

    /// <summary>
    /// The payload, or null and why. The body as a whole must be a JSON object with an <c>events</c> array;
    /// one malformed event is skipped rather than refusing the post, since a refused post is redelivered
    /// for 24 hours and then the webhook is disabled, taking every other event with it.
    /// </summary>
    public static (XeroWebhookPayload? Payload, string? Error) Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var list) || list.ValueKind != JsonValueKind.Array)
                return (null, "The body is not a Xero webhook payload: no \"events\" array.");
            var events = new List<XeroWebhookEvent>();
            var skipped = new List<string>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (Read(item) is { } parsed) events.Add(parsed);
                else skipped.Add($"event {index}: eventCategory, resourceId or tenantId missing or malformed");
                index++;
            }
            return (new XeroWebhookPayload(events, skipped), null);
        }
    }

    private static XeroWebhookEvent? Read(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object) return null;
        var category = Text(item, "eventCategory");
        var resource = Text(item, "resourceId");
        var tenant = Text(item, "tenantId");
        if (string.IsNullOrWhiteSpace(category) || !Guid.TryParse(resource, out var resourceId) || !Guid.TryParse(tenant, out var tenantId)) return null;
        // eventDateUtc is UTC written without a zone, e.g. "2017-06-21T01:15:39.902" (xero-webhooks.yaml 16.1.0).
        DateTimeOffset? at = DateTimeOffset.TryParse(Text(item, "eventDateUtc"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : null;
        return new XeroWebhookEvent(category.Trim().ToUpperInvariant(), Text(item, "eventType")?.Trim().ToUpperInvariant() ?? "", resourceId, tenantId, at);
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
