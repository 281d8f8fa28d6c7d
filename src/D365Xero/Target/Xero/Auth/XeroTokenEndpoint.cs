using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using D365Xero.Errors;

namespace D365Xero.Target.Xero.Auth;

/// <summary>
/// <c>POST {IdentityUrl}/connect/token</c>: a form body and HTTP Basic client authentication,
/// <c>base64(client_id:client_secret)</c> (docs/xero-rules.md#x-oauth-endpoints; developer.xero.com/faq/oauth2).
/// </summary>
internal sealed class XeroTokenEndpoint(HttpClient http, XeroOptions options, TimeProvider time)
{
    /// <param name="form">The grant: <c>grant_type=client_credentials</c>, or <c>grant_type=refresh_token&amp;refresh_token=…</c>.</param>
    /// <param name="authHint">What the user should do when Xero refuses the grant.</param>
    public async Task<XeroTokenResponse> RequestAsync(IReadOnlyDictionary<string, string> form, string authHint, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(WithSlash(options.IdentityUrl), "connect/token"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw XeroErrorClassifier.TransportFailure("the token request", ex, request.RequestUri);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (response.IsSuccessStatusCode) return Parse(body, mediaType);

            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
                throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Transient,
                    $"Xero's identity server failed the token request (HTTP {status}).", status,
                    XeroErrorClassifier.ReadRetryAfter(response, time.GetUtcNow()));

            // Nothing at that address: the identity URL is wrong, not the credentials (a 404 is never an OAuth answer).
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Auth,
                    $"Nothing answers token requests at {request.RequestUri} (HTTP {status}): Xero__IdentityUrl must be the identity root, "
                    + "https://identity.xero.com (the token endpoint is {IdentityUrl}/connect/token).", status);

            // A dead, revoked or reused refresh token: 400 {"error":"invalid_grant"} (docs/xero-rules.md#x-oauth-invalid-grant; XeroAPI/xero-node#370).
            // A wrong client id or secret: invalid_client. Either way only a person can fix it.
            var error = OAuthError(body, mediaType) ?? $"HTTP {status}";
            throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Auth,
                $"Xero refused the token request ({error}). {authHint}", status);
        }
    }

    private static XeroTokenResponse Parse(string body, string? mediaType)
    {
        try
        {
            if (mediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                var accessToken = root.GetProperty("access_token").GetString();
                var expiresIn = root.GetProperty("expires_in").GetInt32();
                var refreshToken = root.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;
                if (!string.IsNullOrEmpty(accessToken) && expiresIn > 0)
                    return new XeroTokenResponse(accessToken, TimeSpan.FromSeconds(expiresIn), refreshToken);
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Fall through: an unreadable success is treated as no answer.
        }
        throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Transient,
            "Xero's identity server answered the token request with something that is not a token.");
    }

    /// <summary>The <c>error</c> code, from JSON or (OAuth errors sometimes come so) a form-encoded body.</summary>
    private static string? OAuthError(string body, string? mediaType)
    {
        if (mediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var e)
                    ? e.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
        if (mediaType?.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var pair in body.Split('&'))
                if (pair.StartsWith("error=", StringComparison.Ordinal))
                    return Uri.UnescapeDataString(pair["error=".Length..]);
        }
        return null;
    }

    internal static Uri WithSlash(Uri root) =>
        root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
}
