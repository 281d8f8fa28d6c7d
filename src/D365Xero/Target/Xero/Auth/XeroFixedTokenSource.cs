namespace D365Xero.Target.Xero.Auth;

/// <summary>One token just issued, for the calls made before a grant is stored (`connect` listing <c>/connections</c>).</summary>
internal sealed class XeroFixedTokenSource(XeroAccessToken token) : IXeroTokenSource
{
    public ValueTask<XeroAccessToken> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

    public void Invalidate(XeroAccessToken rejected)
    {
        // Nothing to renew it from: the caller's 401 stands.
    }
}
