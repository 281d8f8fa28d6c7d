using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// A certificate credential's <c>client_assertion</c> (docs/dataverse-rules.md#d-auth-credentials;
/// learn.microsoft.com/entra/identity-platform/certificate-credentials): a JWT signed RS256 or PS256 by the key of a certificate
/// registered on the app, named in the header by <c>x5t#S256</c> (or the older <c>x5t</c>), whose <c>aud</c> is the token endpoint,
/// <c>iss</c> and <c>sub</c> the client ID, and whose <c>nbf</c>..<c>exp</c> covers now. Returns null when it holds, or Entra's
/// AADSTS line for what does not [AADSTS codes from Entra's error-code list; texts unverified].
/// </summary>
internal static class AssertionCheck
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public static string? Problem(string assertion, X509Certificate2? registered, string clientId, string audience, DateTimeOffset now)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3 || Json(parts[0]) is not { } header || Json(parts[1]) is not { } claims)
            return "AADSTS50027: JWT token is invalid or malformed.";
        if (registered is null) return "AADSTS700027: Client assertion failed signature validation. No certificate is registered on the application.";
        var x5tS256 = header["x5t#S256"]?.GetValue<string>();
        var x5t = header["x5t"]?.GetValue<string>();
        if (x5tS256 != Base64Url(registered.GetCertHash(HashAlgorithmName.SHA256)) && x5t != Base64Url(registered.GetCertHash()))
            return "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.";
        var padding = header["alg"]?.GetValue<string>() switch { "RS256" => RSASignaturePadding.Pkcs1, "PS256" => RSASignaturePadding.Pss, _ => null };
        using var key = registered.GetRSAPublicKey();
        if (padding is null || key is null || !key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Bytes(parts[2]), HashAlgorithmName.SHA256, padding))
            return "AADSTS700027: Client assertion failed signature validation.";
        if (claims["aud"]?.GetValue<string>() is not { } aud || !string.Equals(aud.TrimEnd('/'), audience.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            return $"AADSTS700016: The audience '{claims["aud"]}' of the client assertion is not the token endpoint {audience}.";
        if (claims["iss"]?.GetValue<string>() != clientId || claims["sub"]?.GetValue<string>() != clientId)
            return "AADSTS700016: The client assertion's iss and sub must be the application (client) ID.";
        var nbf = claims["nbf"]?.GetValue<long>() is { } n ? DateTimeOffset.FromUnixTimeSeconds(n) : now;
        var exp = claims["exp"]?.GetValue<long>() is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : DateTimeOffset.MinValue;
        return now + Skew < nbf || now - Skew > exp ? "AADSTS700024: Client assertion is not within its valid time range." : null;
    }

    private static JsonObject? Json(string part)
    {
        try { return JsonNode.Parse(Bytes(part)) as JsonObject; }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException) { return null; }
    }

    private static byte[] Bytes(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
