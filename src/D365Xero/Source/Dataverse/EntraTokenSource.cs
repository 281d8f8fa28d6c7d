using Azure;
using Azure.Core;
using Azure.Identity;
using D365Xero.Errors;
using Microsoft.Extensions.Options;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// Entra ID tokens for Dataverse with scope <c>{Url}/.default</c> (docs/dataverse-rules.md#d-auth-client-credentials;
/// learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth), from the <see cref="TokenCredential"/> that
/// <c>Dataverse:Credential</c> names (<see cref="DataverseCredentials"/>). One token is cached until two minutes before it expires;
/// concurrent callers share a single refresh. Each refresh asks a credential made for it, so this cache is the only one: a
/// token Dataverse refused is never handed back from the credential's own. Entra's refusals become one sentence naming the setting to fix.
/// </summary>
public sealed class EntraTokenSource(HttpClient http, IOptions<DataverseOptions> options, TimeProvider time) : IAccessTokenSource
{
    /// <summary>A token is replaced this long before its expiry, so no request leaves with a dying token.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(2);

    private readonly DataverseOptions _options = options.Value;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private CachedToken? _cached;
    private string? _name;

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);

    /// <summary>Which credential signs in, e.g. <c>client secret</c> or <c>managed identity (system-assigned)</c>.</summary>
    public string Credential => _name ??= DataverseCredentials.Create(_options, http, time).Name;

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
        if (string.IsNullOrWhiteSpace(_options.Url))
            throw new RemoteApiException("Dataverse", ErrorKind.Auth, "Dataverse:Url is not set (environment variable Dataverse__Url).");
        var (credential, name, clock) = DataverseCredentials.Create(_options, http, time);
        _name = name;
        // docs/dataverse-rules.md#d-auth-client-credentials: the resource's /.default scope.
        var context = new TokenRequestContext([_options.Url.TrimEnd('/') + "/.default"]);
        var requestedAt = time.GetUtcNow();
        AccessToken token;
        try
        {
            token = await credential.GetTokenAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialUnavailableException e)
        {
            throw new RemoteApiException("Dataverse", ErrorKind.Auth, $"The {name} is not available here ({FirstLine(e.Message)}); check Dataverse:Credential.", inner: e);
        }
        catch (Exception e) when (TransientStatus(e) is { } status)
        {
            throw new RemoteApiException("Dataverse", ErrorKind.Transient, $"The Entra token endpoint answered {status}; will retry.", status, inner: e);
        }
        catch (AuthenticationFailedException e)
        {
            throw new RemoteApiException("Dataverse", ErrorKind.Auth, EntraRefusal.Describe(e.Message, _options.Credential), inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new RemoteApiException("Dataverse", ErrorKind.Transient,
                $"Could not reach the Entra token endpoint {_options.AuthorityUrl}: {e.Message}", inner: e);
        }
        // Its life from when the answer came, on the clock the credential reads (so never overestimated).
        var lifetime = token.ExpiresOn - clock.GetUtcNow();
        // A token shorter-lived than the margin is still used, for half its life.
        var keepFor = lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2;
        return new CachedToken(token.Token, requestedAt + keepFor);
    }

    /// <summary>A 5xx or 429 from the token endpoint, however the credential reports it.</summary>
    private static int? TransientStatus(Exception e)
    {
        for (var inner = (Exception?)e; inner is not null; inner = inner.InnerException)
        {
            var status = inner switch
            {
                RequestFailedException r => r.Status,
                Microsoft.Identity.Client.MsalServiceException m => m.StatusCode,
                _ => 0,
            };
            if (status >= 500 || status == 429) return status;
        }
        return null;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
