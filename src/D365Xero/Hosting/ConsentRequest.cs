using D365Xero.Target.Xero.Model;

namespace D365Xero.Hosting;

/// <summary>One run of `connect`: which connection the grant is for, where the redirect lands, and how the user is asked.</summary>
public sealed record ConsentRequest
{
    /// <summary>The default loopback port: the redirect URI to register in the Xero app is <c>http://localhost:5573/callback</c>.</summary>
    public const int DefaultRedirectPort = 5573;

    /// <summary>The configured connection the grant is stored for.</summary>
    public required string ConnectionName { get; init; }

    /// <summary>Shows the user the URL to open in a browser.</summary>
    public required Action<Uri> ShowAuthorizeUrl { get; init; }

    /// <summary>
    /// The loopback port of the redirect <c>http://localhost:{port}/callback</c>. Default 5573;
    /// 0 takes any free port on 127.0.0.1 (tests), and the redirect URI names it.
    /// </summary>
    public int RedirectPort { get; init; } = DefaultRedirectPort;

    /// <summary>The organisation to pick (tenant id or exact name); default: the only one, the configured Xero__TenantId, or ask.</summary>
    public string? Tenant { get; init; }

    /// <summary>Asks the user to pick one of several organisations; null when nobody can be asked (then --tenant is required).</summary>
    public Func<IReadOnlyList<XeroConnection>, XeroConnection?>? ChooseTenant { get; init; }

    /// <summary>How long to wait for the browser to come back. Default 5 minutes, the life of an authorization code (docs/xero-rules.md#x-oauth-token-lifetimes; https://developer.xero.com/faq/oauth2).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
}
