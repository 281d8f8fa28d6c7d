using System.Security.Cryptography;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Entra client-credentials tokens (docs/dataverse-rules.md#d-auth-client-credentials; learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth): about 60 minutes of life; the Web API accepts only unexpired
/// tokens this emulator issued.
/// </summary>
internal sealed class TokenIssuer(TimeProvider time)
{
    /// <summary>Entra answers expires_in 3599 for a 60-minute token.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(60);
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string Issue(string clientId)
    {
        var token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".";
        lock (_gate) _tokens[token] = new IssuedToken(clientId, time.GetUtcNow() + Lifetime);
        return token;
    }

    /// <summary>The token's app when it is one of ours and unexpired; otherwise null.</summary>
    public IssuedToken? Validate(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var token = authorization[7..].Trim();
        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var issued) && issued.ExpiresAt > time.GetUtcNow() ? issued : null;
        }
    }
}
