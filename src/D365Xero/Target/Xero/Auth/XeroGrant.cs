namespace D365Xero.Target.Xero.Auth;

/// <summary>
/// What a standard (authorization-code) app keeps per connection. Xero rotates
/// <see cref="RefreshToken"/> on every refresh, and an unused one dies after 60 days (docs/xero-rules.md#x-oauth-refresh-rotation; developer.xero.com/faq/oauth2; docs/xero-rules.md#x-oauth-token-lifetimes).
/// </summary>
public sealed record XeroGrant
{
    public required string RefreshToken { get; init; }
    public string? AccessToken { get; init; }
    public DateTimeOffset? AccessTokenExpiresAt { get; init; }
    /// <summary>The organisation chosen at consent (from <c>/connections</c>).</summary>
    public string? TenantId { get; init; }

    /// <summary>Never print the tokens.</summary>
    public override string ToString() => $"XeroGrant(tenant {TenantId}, access token expires {AccessTokenExpiresAt:O})";
}
