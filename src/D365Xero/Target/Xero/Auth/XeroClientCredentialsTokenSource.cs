namespace D365Xero.Target.Xero.Auth;

/// <summary>
/// A Xero Custom Connection: <c>grant_type=client_credentials</c>, no refresh token, a new
/// 30-minute access token whenever the cached one is within a minute of expiry (docs/xero-rules.md#x-custom-connection; developer.xero.com/faq/custom-integration).
/// </summary>
public sealed class XeroClientCredentialsTokenSource : IXeroTokenSource
{
    private const string AuthHint =
        "Check Xero:ClientId and Xero:ClientSecret, and that the Custom Connection is authorised in Xero " +
        "(changing its scopes or organisation deactivates it until it is re-authorised).";

    private static readonly Dictionary<string, string> Grant = new() { ["grant_type"] = "client_credentials" };

    private readonly XeroTokenEndpoint _endpoint;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private XeroAccessToken? _cached;

    public XeroClientCredentialsTokenSource(HttpClient http, XeroOptions options, TimeProvider time)
    {
        _endpoint = new XeroTokenEndpoint(http, options, time);
        _time = time;
    }

    public async ValueTask<XeroAccessToken> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _cached) is { } cached && cached.IsUsableAt(_time.GetUtcNow())) return cached;

        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whoever held the semaphore before us may have fetched one already.
            if (_cached is { } fresh && fresh.IsUsableAt(_time.GetUtcNow())) return fresh;
            var response = await _endpoint.RequestAsync(Grant, AuthHint, cancellationToken).ConfigureAwait(false);
            var token = new XeroAccessToken(response.AccessToken, _time.GetUtcNow() + response.ExpiresIn);
            Volatile.Write(ref _cached, token);
            return token;
        }
        finally
        {
            _fetch.Release();
        }
    }

    public void Invalidate(XeroAccessToken rejected) => Interlocked.CompareExchange(ref _cached, null, rejected);
}
