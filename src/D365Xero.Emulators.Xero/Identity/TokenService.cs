using System.Security.Cryptography;

namespace D365Xero.Emulators.Xero.Identity;

/// <summary>
/// Xero identity's token state: codes, access tokens and rotating refresh tokens, all timed by the injected clock.
/// Rule: [D-faq-oauth2] rotation with a 30-minute grace for the previous token, then invalid_grant; docs/xero-rules.md#x-oauth-refresh-rotation; developer.xero.com/faq/oauth2; docs/xero-rules.md#x-oauth-invalid-grant; XeroAPI/xero-node#370.
/// </summary>
internal sealed class TokenService(TimeProvider time, string clientId = "sandbox", string customConnectionScopes = XeroEmulatorOptions.DefaultCustomConnectionScopes)
{
    public const string InvalidGrant = "invalid_grant";

    private readonly object _sync = new();
    private string _customConnectionScopes = customConnectionScopes;
    private readonly Dictionary<string, AccessGrant> _access = [];
    private readonly Dictionary<string, RefreshGrant> _refresh = [];
    private readonly Dictionary<string, AuthorizationCode> _codes = [];

    public string IssueCode(string scope, string redirectUri)
    {
        var code = NewToken();
        lock (_sync) _codes[code] = new AuthorizationCode(scope, redirectUri, time.GetUtcNow() + TokenLifetimes.AuthorizationCode);
        return code;
    }

    /// <summary>Custom Connection: an access token only, no refresh token (docs/xero-rules.md#x-custom-connection; developer.xero.com/faq/custom-integration). Its scopes are
    /// the ones chosen when the connection was authorised; a request naming none gets all of them.</summary>
    public TokenResponse IssueClientCredentials(string scope)
    {
        if (string.IsNullOrWhiteSpace(scope)) scope = Volatile.Read(ref _customConnectionScopes);
        lock (_sync) return Issue(scope, isCustomConnection: true, withRefresh: false);
    }

    /// <summary>Codes are single-use and live 5 minutes; a refresh token comes only with offline_access ([D-scopes]).</summary>
    public TokenResponse? ExchangeCode(string code, string? redirectUri)
    {
        lock (_sync)
        {
            if (!_codes.Remove(code, out var grant)) return null;
            if (time.GetUtcNow() >= grant.ExpiresAt) return null;
            if (redirectUri is not null && redirectUri != grant.RedirectUri) return null;
            var offline = grant.Scope.Split(' ').Contains("offline_access");
            return Issue(grant.Scope, isCustomConnection: false, withRefresh: offline);
        }
    }

    /// <summary>Each refresh rotates: a new refresh token is returned and the old one stays usable for the grace period.</summary>
    public TokenResponse? Refresh(string refreshToken)
    {
        lock (_sync)
        {
            var now = time.GetUtcNow();
            if (!_refresh.TryGetValue(refreshToken, out var grant) || grant.Revoked) return null;
            if (grant.RotatedAt is { } rotated && now >= rotated + TokenLifetimes.RefreshGrace) return null;
            if (grant.RotatedAt is null && now >= grant.IssuedAt + TokenLifetimes.UnusedRefreshToken) return null;
            grant.RotatedAt ??= now;
            return Issue(grant.Scope, isCustomConnection: false, withRefresh: true);
        }
    }

    public TokenCheck Check(string? accessToken)
    {
        if (accessToken is null) return TokenCheck.Unknown;
        lock (_sync)
        {
            if (!_access.TryGetValue(accessToken, out var grant)) return TokenCheck.Unknown;
            return time.GetUtcNow() >= grant.ExpiresAt ? new TokenCheck(grant, grant.ExpiresAt) : new TokenCheck(grant, null);
        }
    }

    /// <summary>Simulates re-authorising the Custom Connection with other scopes (docs/xero-rules.md#x-custom-connection; developer.xero.com/faq/custom-integration): tokens issued from now on carry them.</summary>
    public void SetCustomConnectionScopes(string scopes) => Volatile.Write(ref _customConnectionScopes, scopes);

    /// <summary>
    /// Test-only: every access token issued so far runs out now, as each does 30 minutes after it was
    /// issued (docs/xero-rules.md#x-oauth-token-lifetimes; developer.xero.com/faq/oauth2), so the next API call with one is answered 401 TokenExpired. Refresh tokens are untouched.
    /// </summary>
    public void ExpireAccessTokens()
    {
        lock (_sync)
        {
            var now = time.GetUtcNow();
            foreach (var token in _access.Keys.ToList()) _access[token] = _access[token] with { ExpiresAt = now };
        }
    }

    /// <summary>Simulates the user disconnecting the app: every refresh token now answers invalid_grant.</summary>
    public void RevokeRefreshTokens()
    {
        lock (_sync)
            foreach (var grant in _refresh.Values) grant.Revoked = true;
    }

    private TokenResponse Issue(string scope, bool isCustomConnection, bool withRefresh)
    {
        var now = time.GetUtcNow();
        var access = AccessTokenJwt.Create(scope, now, now + TokenLifetimes.AccessToken, clientId);
        _access[access] = new AccessGrant(now + TokenLifetimes.AccessToken, isCustomConnection);
        string? refresh = null;
        if (withRefresh)
        {
            refresh = NewToken();
            _refresh[refresh] = new RefreshGrant(scope, now);
        }
        return new TokenResponse(access, (int)TokenLifetimes.AccessToken.TotalSeconds, "Bearer", refresh, scope);
    }

    private static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}
