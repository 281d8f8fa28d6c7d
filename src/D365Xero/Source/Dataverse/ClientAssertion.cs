using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// The signed JWT a certificate credential sends as <c>client_assertion</c> (docs/dataverse-rules.md#d-auth-credentials;
/// learn.microsoft.com/entra/identity-platform/certificate-credentials): header <c>alg</c> RS256 and <c>x5t#S256</c> (the
/// certificate's SHA-256 thumbprint, base64url); claims <c>aud</c> the token endpoint, <c>iss</c> and <c>sub</c> the client ID,
/// a fresh <c>jti</c>, and <c>nbf</c>/<c>exp</c> a few minutes around now.
/// </summary>
public static class ClientAssertion
{
    public const string Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static string Create(X509Certificate2 certificate, string clientId, Uri tokenEndpoint, DateTimeOffset now)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["x5t#S256"] = Base64Url(certificate.GetCertHash(HashAlgorithmName.SHA256)) };
        var claims = new JsonObject
        {
            ["aud"] = tokenEndpoint.AbsoluteUri, ["iss"] = clientId, ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString("D"),
            ["nbf"] = now.ToUnixTimeSeconds(), ["iat"] = now.ToUnixTimeSeconds(), ["exp"] = now.AddMinutes(10).ToUnixTimeSeconds(),
        };
        var signed = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()))}";
        using var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The certificate has no RSA private key.");
        return $"{signed}.{Base64Url(key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
