using System.Text.Json.Serialization;

namespace D365Xero.Emulators.Xero.Gate;

/// <summary>Faults to inject, as posted to /_emulator/faults (camelCase). All off by default.</summary>
internal sealed class FaultPlan
{
    /// <summary>Share of API calls (0..1) answered with <see cref="ErrorStatus"/> before processing.</summary>
    [JsonPropertyName("errorRate")] public double ErrorRate { get; set; }

    [JsonPropertyName("errorStatus")] public int ErrorStatus { get; set; } = 503;

    /// <summary>Added latency per API call, on the emulator's clock.</summary>
    [JsonPropertyName("delayMs")] public int DelayMs { get; set; }

    /// <summary>Share of writes (0..1) whose connection is aborted after the write was applied.</summary>
    [JsonPropertyName("loseResponseRate")] public double LoseResponseRate { get; set; }

    /// <summary>
    /// The next N writes that get through (no outage, 429 or injected error) lose their answer after being applied, whatever the
    /// random draws: a run is sure to meet a lost answer even when which calls draw what depends on the order they arrive in.
    /// </summary>
    [JsonPropertyName("loseFirstWrites")] public int LoseFirstWrites { get; set; }

    /// <summary>The next N API calls answer 429 with Retry-After 1.</summary>
    [JsonPropertyName("burst429")] public int Burst429 { get; set; }

    /// <summary>For this many seconds from now, every API call answers 503 (organisation offline).</summary>
    [JsonPropertyName("outageSeconds")] public double OutageSeconds { get; set; }

    /// <summary>Reseeds the random source, so a run repeats; null keeps the current sequence.</summary>
    [JsonPropertyName("seed")] public int? Seed { get; set; }
}
