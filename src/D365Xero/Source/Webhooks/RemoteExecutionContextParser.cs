using System.Text.Json;

namespace D365Xero.Source.Webhooks;

/// <summary>
/// Reads a Dataverse <c>RemoteExecutionContext</c> post (tests/fixtures/dataverse/webhook-*.json). Parsed as
/// plain JSON, not SDK types: its <c>{key, value}</c> arrays defeat ordinary deserialisers
/// (docs/dataverse-rules.md#d-webhook-body; microsoft/PowerPlatform-DataverseServiceClient#77). When Dataverse trimmed a post over 256 KB (<c>x-ms-dynamics-msg-size-exceeded</c>),
/// <c>InputParameters</c> and the images are gone, but <c>PrimaryEntityName</c> and
/// <c>PrimaryEntityId</c> remain, and they are all the connector needs (docs/dataverse-rules.md#d-webhook-headers; learn.microsoft.com/power-apps/developer/data-platform/use-webhooks).
/// </summary>
public static class RemoteExecutionContextParser
{
    public static readonly IReadOnlySet<string> Messages = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Create", "Update", "Delete" };

    /// <summary>The notice, or an error saying what is wrong with the body.</summary>
    public static (WebhookNotice? Notice, string? Error) Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            return (null, $"The body is not JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, "The body is not a RemoteExecutionContext object.");
            var table = Text(root, "PrimaryEntityName");
            var message = Text(root, "MessageName");
            if (string.IsNullOrWhiteSpace(table)) return (null, "PrimaryEntityName is missing.");
            if (string.IsNullOrWhiteSpace(message)) return (null, "MessageName is missing.");
            if (!Guid.TryParse(Text(root, "PrimaryEntityId"), out var id)) return (null, "PrimaryEntityId is missing or not a GUID.");
            return (new WebhookNotice(table.ToLowerInvariant(), id, message, ParentOrder(root)), null);
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>An order line's <c>salesorderid</c> from the Target or any image (an EntityReference with an Id).</summary>
    private static Guid? ParentOrder(JsonElement root)
    {
        foreach (var section in new[] { "PreEntityImages", "PostEntityImages", "InputParameters" })
        {
            if (!root.TryGetProperty(section, out var list) || list.ValueKind != JsonValueKind.Array) continue;
            foreach (var pair in list.EnumerateArray())
            {
                if (!pair.TryGetProperty("value", out var entity) || entity.ValueKind != JsonValueKind.Object) continue;
                if (!entity.TryGetProperty("Attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Array) continue;
                foreach (var attribute in attributes.EnumerateArray())
                {
                    if (Text(attribute, "key") == "salesorderid"
                        && attribute.TryGetProperty("value", out var reference) && reference.ValueKind == JsonValueKind.Object
                        && Guid.TryParse(Text(reference, "Id"), out var order))
                    {
                        return order;
                    }
                }
            }
        }
        return null;
    }
}
