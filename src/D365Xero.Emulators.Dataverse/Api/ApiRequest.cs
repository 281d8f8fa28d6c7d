namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// A Web API request detached from HttpContext, so a top-level request and a $batch part run through the same
/// dispatcher. Path is relative to <c>/api/data/v9.2/</c>.
/// </summary>
internal sealed class ApiRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public string Query { get; init; } = "";
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public string Body { get; init; } = "";

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
