namespace D365Xero.Emulators.Xero.Webhooks;

/// <summary>
/// What an app's webhook is in Xero's developer portal: a delivery URL, the key Xero signs with and the
/// categories it subscribes to. Rule: docs/xero-rules.md#x-webhook-events; developer.xero.com/documentation/webhooks/overview.
/// </summary>
internal sealed record WebhookSubscription(Uri Url, string Key, IReadOnlySet<string> Categories)
{
    public static readonly string[] KnownCategories = ["INVOICE", "CONTACT", "CREDITNOTE"];

    /// <summary>The subscription, or the reason it cannot be one (naming the field).</summary>
    public static (WebhookSubscription? Subscription, string? Problem) Create(string? url, string? key, IEnumerable<string>? categories)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            return (null, "url must be an absolute http(s) URL.");
        if (string.IsNullOrEmpty(key)) return (null, "key is required (the webhook key deliveries are signed with).");
        var set = (categories ?? KnownCategories).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).ToHashSet();
        if (set.Count == 0) set = [.. KnownCategories];
        if (set.FirstOrDefault(c => !KnownCategories.Contains(c)) is { } unknown)
            return (null, $"categories: '{unknown}' is not one of {string.Join(", ", KnownCategories)}.");
        return (new WebhookSubscription(uri, key, set), null);
    }
}
