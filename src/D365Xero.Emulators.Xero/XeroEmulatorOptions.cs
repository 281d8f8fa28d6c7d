namespace D365Xero.Emulators.Xero;

/// <summary>How the Xero emulator listens, authenticates and limits. Every default matches Xero's documented value.</summary>
public sealed class XeroEmulatorOptions
{
    /// <summary>Where to listen. Always bound to loopback; port 0 picks a free port. Default http://127.0.0.1:5572.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5572";

    /// <summary>The one app's client id (Basic auth or form field). Default "sandbox".</summary>
    public string ClientId { get; set; } = "sandbox";

    /// <summary>The one app's client secret. Default "sandbox".</summary>
    public string ClientSecret { get; set; } = "sandbox";

    /// <summary>The granular set a Custom Connection created today is authorised with (docs/xero-rules.md#x-custom-connection; developer.xero.com/faq/custom-integration; docs/xero-rules.md#x-scopes; developer.xero.com/faq/granular-scopes).</summary>
    public const string DefaultCustomConnectionScopes = "accounting.contacts accounting.invoices accounting.settings.read";

    /// <summary>
    /// Scopes of the Custom Connection (client_credentials), carried in the access token's <c>scope</c> claim.
    /// Default <see cref="DefaultCustomConnectionScopes"/>.
    /// </summary>
    public string CustomConnectionScopes { get; set; } = DefaultCustomConnectionScopes;

    /// <summary>Calls in progress per organisation. Xero: 5.</summary>
    public int ConcurrentLimit { get; set; } = 5;

    /// <summary>Calls per rolling <see cref="MinuteWindow"/> per organisation. Xero: 60.</summary>
    public int MinuteLimit { get; set; } = 60;

    /// <summary>The rolling window of <see cref="MinuteLimit"/>; shorter only to compress benchmarks. Default one minute.</summary>
    public TimeSpan MinuteWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Calls per rolling 24 hours per organisation. Xero: 5,000 (1,000 on the Starter tier).</summary>
    public int DayLimit { get; set; } = 5000;

    /// <summary>null = an empty organisation (reference data only); "demo" = the demo customers and item.</summary>
    public string? Seed { get; set; }

    /// <summary>Seed of the random source behind injected faults, so a run repeats. Default 1.</summary>
    public int FaultSeed { get; set; } = 1;

    /// <summary>
    /// Where webhook deliveries go (as set in Xero's developer portal); null = no webhook until
    /// POST /_emulator/webhooks. Needs <see cref="WebhookKey"/>.
    /// </summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The webhook key deliveries are signed with (x-xero-signature).</summary>
    public string? WebhookKey { get; set; }

    /// <summary>Comma-separated categories of the webhook: INVOICE, CONTACT, CREDITNOTE. Default all three.</summary>
    public string? WebhookCategories { get; set; }

    /// <summary>How long changes gather before they go as one delivery. Default 250 ms.</summary>
    public TimeSpan WebhookBatchWindow { get; set; } = TimeSpan.FromMilliseconds(250);
}
