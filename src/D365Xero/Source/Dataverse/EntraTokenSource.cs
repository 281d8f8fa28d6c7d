using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Errors;
using Microsoft.Extensions.Options;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// Entra ID client-credentials tokens for Dataverse (docs/dataverse-rules.md#d-auth-client-credentials; learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth): a form POST to
/// <c>{AuthorityUrl}/{TenantId}/oauth2/v2.0/token</c> with scope <c>{Url}/.default</c>. One token is cached
/// until two minutes before it expires; concurrent callers share a single refresh.
/// </summary>
public sealed class EntraTokenSource(HttpClient http, IOptions<DataverseOptions> options, TimeProvider time) : IAccessTokenSource
{
    /// <summary>A token is replaced this long before its expiry, so no request leaves with a dying token.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(2);

    private readonly DataverseOptions _options = options.Value;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private CachedToken? _cached;

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _cached)) is { } token) return token;

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whoever held the lock before us may have refreshed already: single flight.
            if (Fresh(Volatile.Read(ref _cached)) is { } refreshed) return refreshed;
            var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _cached, fetched);
            return fetched.Value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Invalidate(string token)
    {
        var current = Volatile.Read(ref _cached);
        if (current is not null && current.Value == token)
            Interlocked.CompareExchange(ref _cached, null, current);
    }

    private string? Fresh(CachedToken? token) =>
        token is not null && time.GetUtcNow() < token.RefreshAt ? token.Value : null;

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        RequireSetting(_options.Url, nameof(DataverseOptions.Url));
        RequireSetting(_options.TenantId, nameof(DataverseOptions.TenantId));
        RequireSetting(_options.ClientId, nameof(DataverseOptions.ClientId));
        RequireSetting(_options.ClientSecret, nameof(DataverseOptions.ClientSecret));

        var endpoint = new Uri($"{_options.AuthorityUrl.TrimEnd('/')}/{Uri.EscapeDataString(_options.TenantId)}/oauth2/v2.0/token");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = _options.ClientId,
                ["client_secret"] = _options.ClientSecret,
                // docs/dataverse-rules.md#d-auth-client-credentials; learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth: client credentials always ask for the resource's /.default scope.
                ["scope"] = _options.Url.TrimEnd('/') + "/.default",
                ["grant_type"] = "client_credentials",
            }),
        };

        var requestedAt = time.GetUtcNow();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RemoteApiException("Dataverse", ErrorKind.Transient,
                $"Could not reach the Entra token endpoint {endpoint.GetLeftPart(UriPartial.Authority)}: {e.Message}", inner: e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var body = TryParse(text);
            if (response.IsSuccessStatusCode && body?["access_token"]?.GetValue<string>() is { Length: > 0 } accessToken)
            {
                var lifetime = TimeSpan.FromSeconds(ReadSeconds(body["expires_in"]) ?? 3600);
                // A token shorter-lived than the margin is still used, for half its life.
                var keepFor = lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2;
                return new CachedToken(accessToken, requestedAt + keepFor);
            }

            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                throw new RemoteApiException("Dataverse", ErrorKind.Transient,
                    $"The Entra token endpoint answered {status}; will retry.", status);

            throw new RemoteApiException("Dataverse", ErrorKind.Auth, DescribeRefusal(body, status), status);
        }
    }

    /// <summary>Turns Entra's error into a sentence naming the setting to fix (AADSTS codes from the
    /// Entra error-code list; the description is quoted without the secret, which it never contains).</summary>
    private static string DescribeRefusal(JsonObject? body, int status)
    {
        var error = body?["error"]?.GetValue<string>() ?? "";
        var description = body?["error_description"]?.GetValue<string>() ?? $"HTTP {status}";
        var firstLine = description.Split('\n', 2)[0].Trim();
        string Setting(string name) => $"Dataverse:{name} (environment variable Dataverse__{name})";

        var fix = description switch
        {
            _ when description.Contains("AADSTS7000215", StringComparison.Ordinal) => $"the client secret is wrong: check {Setting("ClientSecret")}",
            _ when description.Contains("AADSTS7000222", StringComparison.Ordinal) => $"the client secret has expired: create a new one and set {Setting("ClientSecret")}",
            _ when description.Contains("AADSTS700016", StringComparison.Ordinal) => $"no application with this ID exists in the tenant: check {Setting("ClientId")} and {Setting("TenantId")}",
            _ when description.Contains("AADSTS90002", StringComparison.Ordinal)
                || description.Contains("AADSTS900023", StringComparison.Ordinal) => $"the tenant was not found: check {Setting("TenantId")}",
            _ when description.Contains("AADSTS500011", StringComparison.Ordinal)
                || error == "invalid_scope" => $"the environment is not known to this tenant: check {Setting("Url")}",
            _ when error is "invalid_client" or "unauthorized_client" => $"the application was refused: check {Setting("ClientId")} and {Setting("ClientSecret")}",
            _ => $"check {Setting("TenantId")}, {Setting("ClientId")} and {Setting("ClientSecret")}",
        };
        return $"Entra ID refused the Dataverse credentials ({firstLine}); {fix}.";
    }

    private static void RequireSetting(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new RemoteApiException("Dataverse", ErrorKind.Auth,
                $"Dataverse:{name} is not set (environment variable Dataverse__{name}).");
    }

    private static double? ReadSeconds(JsonNode? node) => node?.GetValueKind() switch
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
