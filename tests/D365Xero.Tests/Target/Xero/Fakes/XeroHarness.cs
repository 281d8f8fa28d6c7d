using D365Xero.Target.Xero;
using D365Xero.Target.Xero.Auth;
using D365Xero.Target.Xero.RateLimiting;

namespace D365Xero.Tests.Target.Xero.Fakes;

/// <summary>A <see cref="XeroClient"/> wired to a scripted Xero and a fake clock.</summary>
internal sealed class XeroHarness
{
    public const string Tenant = "0c1fa5b4-6d1e-4a6c-9a0e-2f6d6f0c1a11";

    public XeroHarness(Func<RecordedRequest, int, Task<HttpResponseMessage>> respond, Action<XeroOptions>? configure = null,
        Func<HttpClient, XeroOptions, TimeProvider, IXeroTokenSource>? tokens = null)
    {
        Options = new XeroOptions { ClientId = "client-id", ClientSecret = "client-secret", TenantId = Tenant };
        configure?.Invoke(Options);
        Handler = new ScriptedHandler(respond);
        var http = new HttpClient(Handler);
        Gate = new RateGate(Options, Clock);
        Tokens = tokens?.Invoke(http, Options, Clock) ?? new StaticTokenSource();
        Client = new XeroClient(http, Options, Tokens, Gate, Clock);
    }

    public XeroHarness(Func<RecordedRequest, int, HttpResponseMessage> respond, Action<XeroOptions>? configure = null,
        Func<HttpClient, XeroOptions, TimeProvider, IXeroTokenSource>? tokens = null)
        : this((request, index) => Task.FromResult(respond(request, index)), configure, tokens)
    {
    }

    public TestClock Clock { get; } = new();
    public XeroOptions Options { get; }
    public ScriptedHandler Handler { get; }
    public RateGate Gate { get; }
    public IXeroTokenSource Tokens { get; }
    public XeroClient Client { get; }
}
