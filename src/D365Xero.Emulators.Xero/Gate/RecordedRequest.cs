using System.Text.Json.Serialization;

namespace D365Xero.Emulators.Xero.Gate;

/// <summary>
/// A write the emulator accepted and processed, kept so it can be replayed through an OpenAPI validator, and
/// dated (<paramref name="At"/>: when its answer was ready, i.e. when what it wrote was in Xero) so a benchmark
/// can tell when each change arrived.
/// </summary>
internal sealed record RecordedRequest(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("at")] DateTimeOffset At);
