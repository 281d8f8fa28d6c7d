using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using D365Xero.Bench.Baseline;

namespace D365Xero.Bench;

/// <summary>
/// Plays the Dynamics users: changes one account's phone number every 1/rate seconds through the Web API,
/// each change on a different account (so no two collapse into one write), and notes when each was sent.
/// </summary>
public sealed class ChangeDriver(Uri dataverse, Uri xero) : IDisposable
{
    public const int PerSecond = 10;
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(1);
    public static int Changes => (int)(PerSecond * Duration.TotalSeconds);

    private readonly PerRecordClient _client = new(dataverse, xero);

    public ConcurrentDictionary<Guid, DateTimeOffset> Sent { get; } = new();

    /// <summary>The accounts to change (read before the measurement starts).</summary>
    public async Task<List<Guid>> AccountsAsync(CancellationToken ct) => await _client.ListIdsAsync("accounts", "accountid", ct);

    public async Task RunAsync(IReadOnlyList<Guid> accounts, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>();
        for (var i = 0; i < Changes; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / PerSecond);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, ct);
            var id = accounts[i % accounts.Count];
            var phone = $"+1 555 7{i:D3} {DateTime.UtcNow.Ticks % 10000:D4}";
            Sent[id] = DateTimeOffset.UtcNow;
            // Sent without waiting for the answer, as independent users would: the rate holds even if Dataverse is slow.
            pending.Add(_client.DataversePatchAsync($"accounts({id})", new JsonObject { ["telephone1"] = phone }, ct));
        }
        await Task.WhenAll(pending);
    }

    /// <summary>Median and 99th percentile of done − sent over the changes that completed.</summary>
    public (double P50, double P99, int Done) Latency(IReadOnlyDictionary<Guid, DateTimeOffset> done)
    {
        var ms = done.Where(d => Sent.ContainsKey(d.Key)).Select(d => (d.Value - Sent[d.Key]).TotalMilliseconds).Order().ToList();
        if (ms.Count == 0) return (double.NaN, double.NaN, 0);
        return (Percentile(ms, 0.50), Percentile(ms, 0.99), ms.Count);
    }

    /// <summary>The <paramref name="p"/> quantile of <paramref name="sorted"/>, interpolated between ranks.</summary>
    public static double Percentile(List<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = Math.Min(sorted.Count - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    public static string Describe(int done) => string.Create(CultureInfo.InvariantCulture, $"{Changes} account updates at {PerSecond}/s over {Duration.TotalSeconds:F0} s, one per account; {done} reached Xero");

    public void Dispose() => _client.Dispose();
}
