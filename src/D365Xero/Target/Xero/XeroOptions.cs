using System.ComponentModel.DataAnnotations;
using D365Xero.Configuration;

namespace D365Xero.Target.Xero;

/// <summary>
/// One Xero connection, bound from the configuration section <c>Xero</c> (or
/// <c>Connections:{n}:Xero</c>). Every default is stated here and nowhere else.
/// </summary>
public sealed class XeroOptions
{
    public const string SectionName = "Xero";

    /// <summary>The app's (or Custom Connection's) client id. Required.</summary>
    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>The client secret; from the environment, never a committed file. Required.</summary>
    [Required]
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// The organisation, sent as <c>xero-tenant-id</c> on every Accounting call. Not needed for a
    /// Custom Connection, which reaches one organisation only (https://developer.xero.com/documentation/guides/oauth2/custom-connections/). Default: none.
    /// </summary>
    [GuidText]
    public string? TenantId { get; set; }

    /// <summary>
    /// The app's webhook key, from Xero's developer portal (app → Webhooks): every post Xero sends to
    /// <c>POST /webhooks/xero</c> is signed with it (<c>x-xero-signature</c>, base64 HMAC-SHA256 of the body;
    /// https://developer.xero.com/documentation/webhooks/configuring-your-server). A secret: from the environment
    /// (<c>Xero__WebhookKey</c>), never a committed file, never logged. Connections sharing one Xero app share its key.
    /// Default: none, and then this connection takes no webhooks from Xero (invoices are read back by the poll).
    /// </summary>
    [NonBlank]
    public string? WebhookKey { get; set; }

    /// <summary>
    /// The delivery URL entered for the app's webhook in Xero's developer portal, e.g.
    /// <c>https://sync.contoso.com/webhooks/xero</c>. Only <c>check</c> reads it: it sends Xero's intent-to-receive
    /// there (one correctly and one wrongly signed post) to prove <c>serve</c> answers as Xero expects. Default: none.
    /// </summary>
    [AbsoluteUrl]
    public string? WebhookUrl { get; set; }

    /// <summary>API root: the Accounting API is <c>{ApiUrl}/api.xro/2.0/</c>, tenants are <c>{ApiUrl}/connections</c>. Default <c>https://api.xero.com</c>.</summary>
    [Required, AbsoluteUrl]
    public Uri ApiUrl { get; set; } = new("https://api.xero.com");

    /// <summary>Identity root: the token endpoint is <c>{IdentityUrl}/connect/token</c> (https://developer.xero.com/documentation/guides/oauth2/auth-flow/). Default <c>https://identity.xero.com</c>.</summary>
    [Required, AbsoluteUrl]
    public Uri IdentityUrl { get; set; } = new("https://identity.xero.com");

    /// <summary>
    /// Where `d365-xero connect` sends the user to consent (authorization-code flow of a standard app,
    /// https://developer.xero.com/documentation/guides/oauth2/auth-flow/). Default <c>https://login.xero.com/identity/connect/authorize</c>. Not used by a Custom Connection.
    /// </summary>
    [Required, AbsoluteUrl]
    public Uri AuthorizeUrl { get; set; } = new("https://login.xero.com/identity/connect/authorize");

    /// <summary>
    /// Scopes asked for when a user consents (standard app). Default
    /// <c>offline_access accounting.contacts accounting.invoices accounting.settings.read</c>,
    /// the minimal granular set of https://developer.xero.com/documentation/guides/oauth2/scopes/; a pre-March-2026 app uses
    /// <c>offline_access accounting.contacts accounting.transactions accounting.settings</c>.
    /// Not sent on the client-credentials grant: a Custom Connection's scopes are fixed when it is authorised (https://developer.xero.com/documentation/guides/oauth2/custom-connections/).
    /// </summary>
    [Required, RegularExpression(@"^[a-z_.]+( [a-z_.]+)*$", ErrorMessage = "Xero scopes separated by single spaces, such as offline_access accounting.contacts")]
    public string Scopes { get; set; } = "offline_access accounting.contacts accounting.invoices accounting.settings.read";

    /// <summary>Calls in flight at once for this organisation. Default 5, Xero's limit (https://developer.xero.com/documentation/guides/oauth2/limits/); range 1–5.</summary>
    [Range(1, 5)]
    public int ConcurrentLimit { get; set; } = 5;

    /// <summary>Calls started per rolling <see cref="MinuteWindow"/>. Default 60, Xero's limit (https://developer.xero.com/documentation/guides/oauth2/limits/); range 1–60.</summary>
    [Range(1, 60)]
    public int MinuteLimit { get; set; } = 60;

    /// <summary>The rolling window for <see cref="MinuteLimit"/>. Default 1 minute; range 1 s – 10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MinuteWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Calls started per rolling 24 hours. Default 5000; set 1000 for an app on Xero's Starter tier
    /// (https://developer.xero.com/documentation/guides/oauth2/limits/). Range 1–5000. The server's <c>X-DayLimit-Remaining</c> is trusted over this count.
    /// </summary>
    [Range(1, 5000)]
    public int DayLimit { get; set; } = 5000;

    /// <summary>
    /// The share of <see cref="DayLimit"/>, in percent, that reads (GET) may take in a rolling day while writes wait: beyond it the
    /// round trip's reads (invoice and credit-note read-backs, the invoice poll, contact drift checks) wait until the writes are done or
    /// the day rolls (docs/product-rules.md#p-read-share). Reads for the writes themselves (matching, reference data) count towards it but
    /// never wait for it: holding them back would hold back the writes the share keeps room for. Counted by this process.
    /// Default 20 (Starter: 200 of 1,000 calls); range 1–100 (100: reads never wait for writes).
    /// </summary>
    [Range(1, 100)]
    public int ReadShare { get; set; } = 20;

    /// <summary>
    /// When Xero says the day's budget is spent but not when it resets (a 200 carrying
    /// <c>X-DayLimit-Remaining: 0</c>), the organisation is parked this long and then one call
    /// may ask again; a 429 then says exactly how long (Retry-After). Default 1 hour; range 1 min – 24 h.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan DayLimitProbeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Elements per POST. Default 50, Xero's recommendation (https://developer.xero.com/documentation/api/accounting/overview: ≤ 50 elements, ≤ 3.5 MB); range 1–100.</summary>
    [Range(1, 100)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Retries of a transient failure, after the first attempt. Default 4; range 0–10.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First backoff delay; doubles each retry, with jitter, when Xero sent no Retry-After. Default 1 s; range 0 – 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest Retry-After waited for in process. A longer one (a spent daily budget) fails the
    /// call as Transient with its RetryAfter, so the worker reschedules instead of holding a call open.
    /// Default 1 minute; range 1 s – 10 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after its first attempt a POST/PUT may be resent with the same Idempotency-Key.
    /// Xero keeps keys 6 minutes from the first call (https://developer.xero.com/documentation/guides/idempotent-requests/idempotency/); 5 leaves a margin for clock
    /// and transit. Past it the call fails Transient and the caller looks the record up by its
    /// natural key before resending. Default 5 minutes; range 0 – 5 min.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromMinutes(5);
}
