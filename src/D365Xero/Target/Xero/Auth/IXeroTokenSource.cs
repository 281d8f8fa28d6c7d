namespace D365Xero.Target.Xero.Auth;

/// <summary>Where a <see cref="XeroClient"/> gets its bearer token.</summary>
public interface IXeroTokenSource
{
    /// <summary>
    /// A token valid for at least <see cref="XeroAccessToken.RenewalMargin"/>; fetched or refreshed
    /// when the cached one is older. Concurrent callers share one fetch.
    /// </summary>
    /// <exception cref="D365Xero.Errors.RemoteApiException">Auth when Xero refuses the credentials or grant; Transient when the identity server is unreachable.</exception>
    ValueTask<XeroAccessToken> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The API answered 401 to <paramref name="rejected"/>: forget it, so the next call fetches a
    /// new one. Ignored when the cache already holds a newer token (another caller refreshed first).
    /// </summary>
    void Invalidate(XeroAccessToken rejected);
}
