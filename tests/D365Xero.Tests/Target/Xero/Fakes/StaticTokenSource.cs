using D365Xero.Target.Xero.Auth;

namespace D365Xero.Tests.Target.Xero.Fakes;

/// <summary>A token that never expires, for tests about everything but tokens.</summary>
internal sealed class StaticTokenSource : IXeroTokenSource
{
    public XeroAccessToken Token { get; } = new("access-1", DateTimeOffset.MaxValue);

    public ValueTask<XeroAccessToken> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Token);

    public void Invalidate(XeroAccessToken rejected)
    {
    }
}
