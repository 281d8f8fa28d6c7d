using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Identity;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// The client-credentials grant (a secret, or a certificate's <see cref="ClientAssertion"/>) against an Entra-shaped authority
/// served over plain http on this machine: the Dataverse emulator of the tests and the sandbox. Azure.Identity's credentials
/// cannot be used there, because MSAL refuses an authority that is not https ("'authority' should use the 'https' scheme",
/// AzureAD/microsoft-authentication-library-for-dotnet MsalErrorMessage.AuthorityUriInsecure); <see cref="DataverseCredentials"/>
/// picks this one only for an http authority on a loopback address. Same request as Entra's
/// (docs/dataverse-rules.md#d-auth-client-credentials; learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
/// </summary>
public sealed class LoopbackClientCredential(HttpClient http, Uri tokenEndpoint, string clientId, string? secret, X509Certificate2? certificate, TimeProvider time)
    : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The connector asks for tokens asynchronously.");

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["scope"] = string.Join(' ', requestContext.Scopes),
        };
        if (certificate is not null)
        {
            form["client_assertion_type"] = ClientAssertion.Type;
            form["client_assertion"] = ClientAssertion.Create(certificate, clientId, tokenEndpoint, time.GetUtcNow());
        }
        else
        {
            form["client_secret"] = secret ?? "";
        }
        var requestedAt = time.GetUtcNow();
        using var response = await http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(form), cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var body = TryParse(text);
        if (response.IsSuccessStatusCode && body?["access_token"]?.GetValue<string>() is { Length: > 0 } token)
            return new AccessToken(token, requestedAt.AddSeconds(Seconds(body["expires_in"]) ?? 3600));
        var status = (int)response.StatusCode;
        if (status >= 500 || status == 429) throw new RequestFailedException(status, $"The Entra token endpoint answered {status}.");
        throw new AuthenticationFailedException($"{body?["error"]?.GetValue<string>()}: {body?["error_description"]?.GetValue<string>() ?? $"HTTP {status}"}");
    }

    private static double? Seconds(JsonNode? node) => node?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.Number => node.GetValue<double>(),
        System.Text.Json.JsonValueKind.String when double.TryParse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };

    private static JsonObject? TryParse(string text)
    {
        try { return JsonNode.Parse(text) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
