using System.Text.Json.Nodes;

namespace D365Xero.Tests.Source.Dataverse.Fakes;

/// <summary>A request as the fake saw it, body read before the client disposed it.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public static async Task<RecordedRequest> FromAsync(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers) headers[name] = string.Join(",", values);
        string? body = null;
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers) headers[name] = string.Join(",", values);
            body = await request.Content.ReadAsStringAsync();
        }
        return new RecordedRequest(request.Method, request.RequestUri!, headers, body);
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>Path and query after the Web API root, percent-decoded, for readable asserts.</summary>
    public string Relative => Uri.UnescapeDataString(Uri.AbsoluteUri).Replace(FakeDataverse.ApiRoot, "", StringComparison.Ordinal);

    public JsonObject Json => JsonNode.Parse(Body!)!.AsObject();
}
