using System.Collections.Concurrent;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// HTTP requests sent to Dataverse, counted by operation (retries and token refresh replays included),
/// because service protection counts requests, not rows (docs/dataverse-rules.md#d-service-protection; learn.microsoft.com/power-apps/developer/data-platform/api-limits). Read by the benchmarks and the
/// back-fill summary.
/// </summary>
public sealed class DataverseCallCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    internal void Increment(string operation) => _counts.AddOrUpdate(operation, 1, static (_, n) => n + 1);

    /// <summary>Requests sent for <paramref name="operation"/> so far.</summary>
    public long this[string operation] => _counts.TryGetValue(operation, out var n) ? n : 0;

    /// <summary>All requests sent so far.</summary>
    public long Total => _counts.Values.Sum();

    /// <summary>A copy of the counts, by operation.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);
}
