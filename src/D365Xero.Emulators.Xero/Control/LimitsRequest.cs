using System.Text.Json.Serialization;

namespace D365Xero.Emulators.Xero.Control;

/// <summary>Body of POST /_emulator/limits; omitted fields keep their current value.</summary>
internal sealed record LimitsRequest(
    [property: JsonPropertyName("concurrentLimit")] int? ConcurrentLimit,
    [property: JsonPropertyName("minuteLimit")] int? MinuteLimit,
    [property: JsonPropertyName("minuteWindowSeconds")] double? MinuteWindowSeconds,
    [property: JsonPropertyName("dayLimit")] int? DayLimit);
