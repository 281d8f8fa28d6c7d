namespace D365Xero.Target.Xero.Auth;

/// <summary>A bearer token for the Xero API and when it stops working (30 minutes after issue, docs/xero-rules.md#x-oauth-token-lifetimes; developer.xero.com/faq/oauth2).</summary>
/// <param name="TenantId">The organisation the grant was made for, when the token source knows it.</param>
public sealed record XeroAccessToken(string Value, DateTimeOffset ExpiresAt, string? TenantId = null)
{
    /// <summary>A token is renewed this long before it expires, so no call leaves with a token that dies in transit.</summary>
    public static readonly TimeSpan RenewalMargin = TimeSpan.FromSeconds(60);

    public bool IsUsableAt(DateTimeOffset now) => now < ExpiresAt - RenewalMargin;

    /// <summary>Never print the token itself.</summary>
    public override string ToString() => $"XeroAccessToken(expires {ExpiresAt:O})";
}
