using System.Security.Cryptography;
using System.Text.Json;

namespace D365Xero.Emulators.Xero.Identity;

/// <summary>
/// Xero access tokens are JWTs whose <c>scope</c> claim lists the granted scopes (an array, e.g.
/// <c>["accounting.contacts","accounting.settings.read"]</c>); a connector reads them from the token
/// to see what it may call. Rule: [D-scopes; D-faq-granular] docs/xero-rules.md#x-scopes; developer.xero.com/faq/granular-scopes. The emulator
/// does not sign: the third segment is random, so the token stays unguessable and is still looked up
/// in <see cref="TokenService"/>, never trusted from its contents.
/// </summary>
internal static class AccessTokenJwt
{
    private static readonly string Header = Base64Url("""{"alg":"RS256","kid":"emulator","typ":"JWT"}"""u8.ToArray());

    public static string Create(string scope, DateTimeOffset issuedAt, DateTimeOffset expiresAt, string clientId)
    {
        var claims = new Dictionary<string, object>
        {
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["iss"] = "https://identity.xero.com",
            ["aud"] = "https://identity.xero.com/resources",
            ["client_id"] = clientId,
            ["jti"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            ["scope"] = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        };
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        return $"{Header}.{payload}.{Base64Url(RandomNumberGenerator.GetBytes(32))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
