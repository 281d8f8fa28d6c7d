using D365Xero.Errors;

namespace D365Xero.Target.Xero.Auth;

/// <summary>
/// A standard app after the user's one-time consent: refresh-token grant, with the rotated refresh
/// token saved through the <see cref="IXeroGrantStore"/> before the new access token is used
/// (docs/xero-rules.md#x-oauth-refresh-rotation; developer.xero.com/faq/oauth2; XeroAPI/Xero-NetStandard#257 is what happens otherwise). One refresh at a time per
/// connection: concurrent callers wait and share its result.
/// </summary>
/// <remarks>
/// Single-flight is per process. Several processes sharing one grant need the durable store to
/// lock around the refresh as well (docs/xero-rules.md#x-oauth-refresh-rotation; developer.xero.com/faq/oauth2); Xero's 30-minute grace on the old refresh
/// token covers a refresh whose answer was lost.
/// </remarks>
public sealed class XeroRefreshTokenSource : IXeroTokenSource
{
    private const string AuthHint =
        "The refresh token expired (60 days unused), was revoked, or was already used. " + XeroErrorClassifier.ReconnectHint;

    private readonly XeroTokenEndpoint _endpoint;
    private readonly IXeroGrantStore _store;
    private readonly string _connectionName;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private XeroAccessToken? _cached;
    private string? _rejectedAccessToken;
    private string? _deadRefreshToken;

    public XeroRefreshTokenSource(HttpClient http, XeroOptions options, IXeroGrantStore store, string connectionName, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionName);
        _endpoint = new XeroTokenEndpoint(http, options, time);
        _store = store;
        _connectionName = connectionName;
        _time = time;
    }

    public async ValueTask<XeroAccessToken> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _cached) is { } cached && cached.IsUsableAt(_time.GetUtcNow())) return cached;

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The caller before us in the queue refreshed: share its token.
            if (_cached is { } fresh && fresh.IsUsableAt(_time.GetUtcNow())) return fresh;

            var grant = await _store.LoadAsync(_connectionName, cancellationToken).ConfigureAwait(false)
                ?? throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Auth,
                    $"The Xero connection '{_connectionName}' has never been authorised. Authorise it with `d365-xero connect`.");

            // Another process, or an earlier run, may hold a token that is still good.
            if (grant is { AccessToken: { } stored, AccessTokenExpiresAt: { } storedExpiry } && stored != _rejectedAccessToken)
            {
                var token = new XeroAccessToken(stored, storedExpiry, grant.TenantId);
                if (token.IsUsableAt(_time.GetUtcNow()))
                {
                    Volatile.Write(ref _cached, token);
                    return token;
                }
            }

            return await RefreshAsync(grant, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Invalidate(XeroAccessToken rejected)
    {
        if (Interlocked.CompareExchange(ref _cached, null, rejected) == rejected)
            Volatile.Write(ref _rejectedAccessToken, rejected.Value);
    }

    private async Task<XeroAccessToken> RefreshAsync(XeroGrant grant, CancellationToken cancellationToken)
    {
        // Asking again with a token Xero has called dead only spends a call: it stays dead until
        // `connect` stores a new grant.
        if (grant.RefreshToken == _deadRefreshToken)
            throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Auth,
                $"Xero refused connection '{_connectionName}''s refresh token earlier (invalid_grant). {AuthHint}");

        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = grant.RefreshToken,
        };
        XeroTokenResponse response;
        try
        {
            response = await _endpoint.RequestAsync(form, AuthHint, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteApiException ex) when (ex.Kind == ErrorKind.Auth)
        {
            _deadRefreshToken = grant.RefreshToken;
            throw;
        }

        var token = new XeroAccessToken(response.AccessToken, _time.GetUtcNow() + response.ExpiresIn, grant.TenantId);
        var rotated = grant with
        {
            RefreshToken = response.RefreshToken ?? grant.RefreshToken,
            AccessToken = token.Value,
            AccessTokenExpiresAt = token.ExpiresAt,
        };
        // Xero has rotated the refresh token: from now the old one lives only for the 30-minute
        // grace (docs/xero-rules.md#x-oauth-refresh-rotation; developer.xero.com/faq/oauth2). Save before the new access token is used, and save even when our
        // caller has given up, or the grant is lost. If the save itself fails, nothing is cached:
        // the next caller refreshes with the old token inside the grace period.
        await _store.SaveAsync(_connectionName, rotated, CancellationToken.None).ConfigureAwait(false);
        Volatile.Write(ref _cached, token);
        return token;
    }
}
