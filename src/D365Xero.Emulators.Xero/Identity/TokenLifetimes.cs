namespace D365Xero.Emulators.Xero.Identity;

/// <summary>Xero identity's clocks, each with its source.</summary>
internal static class TokenLifetimes
{
    // Rule: [D-faq-oauth2; D-faq-custom] access tokens last 30 minutes; docs/xero-rules.md#x-oauth-token-lifetimes; developer.xero.com/faq/oauth2; docs/xero-rules.md#x-custom-connection.
    public static readonly TimeSpan AccessToken = TimeSpan.FromMinutes(30);

    // Rule: [D-faq-oauth2] a rotated-out refresh token may be retried for 30 minutes; docs/xero-rules.md#x-oauth-refresh-rotation; developer.xero.com/faq/oauth2.
    public static readonly TimeSpan RefreshGrace = TimeSpan.FromMinutes(30);

    // Rule: [D-faq-oauth2] unused refresh tokens expire after 60 days; docs/xero-rules.md#x-oauth-token-lifetimes; developer.xero.com/faq/oauth2.
    public static readonly TimeSpan UnusedRefreshToken = TimeSpan.FromDays(60);

    // Rule: [SEC] authorization codes are single-use and expire in 5 minutes; docs/xero-rules.md#x-oauth-token-lifetimes; developer.xero.com/faq/oauth2.
    public static readonly TimeSpan AuthorizationCode = TimeSpan.FromMinutes(5);
}
