namespace D365Xero.Tests.Target.Xero.Fakes;

/// <summary>A request as it reached the fake handler, headers copied at that moment.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string PathAndQuery => Uri.PathAndQuery;

    public bool IsTokenRequest => Uri.AbsolutePath == "/connect/token";

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
