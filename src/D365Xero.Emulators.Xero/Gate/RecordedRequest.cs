using System.Text.Json.Serialization;

namespace D365Xero.Emulators.Xero.Gate;

/// <summary>A write the emulator accepted and processed, kept so it can be replayed through an OpenAPI validator.</summary>
internal sealed record RecordedRequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("status")] int Status);
