using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using D365Xero.Bench.Baseline;

namespace D365Xero.Bench;

/// <summary>
/// Plays the Dynamics users of the `live` scenario: a burst of new accounts as fast as Dataverse takes them, then a
/// sustained stream (half new accounts, half renames of recently created ones) at a fixed rate. Every change gives
/// its account a new name, <c>Live {number} v{version}</c>, so Xero's own record of each write (the emulator's
/// dated request journal) tells when each change, or a later one of the same account, reached Xero.
/// </summary>
public sealed partial class LiveDriver(Uri dataverse, Uri xero) : IDisposable
{
    /// <summary>Renames pick among this many most recently created accounts.</summary>
    private const int Recent = 100;

    private readonly PerRecordClient _client = new(dataverse, xero);
    private readonly HttpClient _control = new() { BaseAddress = xero };
    private readonly ConcurrentQueue<Change> _changes = new();
    private readonly List<(Guid Id, int Number)> _created = [];
    private readonly ConcurrentDictionary<int, int> _latest = new();
    private readonly Random _random = new(16);
    private int _next;

    public sealed record Change(int Number, int Version, DateTimeOffset SentAt, bool Trickle);

    public IReadOnlyCollection<Change> Changes => _changes;

    /// <summary>When the last change was sent.</summary>
    public DateTimeOffset LastSent => _changes.Max(c => c.SentAt);

    /// <summary>Changes of the load (the burst and the stream), the trickle before them left out.</summary>
    public int LoadChanges => _changes.Count(c => !c.Trickle);

    /// <summary>A trickle: <paramref name="count"/> new accounts, one every <paramref name="every"/>, each sent after the one before was answered.</summary>
    public async Task TrickleAsync(int count, TimeSpan every, CancellationToken ct)
    {
        for (var i = 0; i < count; i++)
        {
            if (i > 0) await Task.Delay(every, ct);
            await CreateAsync(ct, trickle: true);
        }
    }

    /// <summary>Creates <paramref name="count"/> accounts, <paramref name="parallel"/> requests at a time.</summary>
    public async Task BurstAsync(int count, int parallel, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(parallel);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync(ct);
            try
            {
                await CreateAsync(ct);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary><paramref name="perSecond"/> changes a second for <paramref name="duration"/>: every other one a new account, the rest renames.</summary>
    public async Task StreamAsync(int perSecond, TimeSpan duration, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var pending = new List<Task>();
        var total = (int)(perSecond * duration.TotalSeconds);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, ct);
            // Sent without waiting for the answer, as independent users would: the rate holds even if Dataverse is slow.
            pending.Add(i % 2 == 0 ? CreateAsync(ct) : RenameAsync(ct));
        }
        await Task.WhenAll(pending);
    }

    private async Task CreateAsync(CancellationToken ct, bool trickle = false)
    {
        var number = Interlocked.Increment(ref _next);
        _latest[number] = 0;
        var sent = DateTimeOffset.UtcNow;
        var id = await _client.DataverseCreateAsync("accounts", new JsonObject { ["name"] = Name(number, 0) }, ct);
        _changes.Enqueue(new Change(number, 0, sent, trickle));
        lock (_created) _created.Add((id, number));
    }

    private async Task RenameAsync(CancellationToken ct)
    {
        (Guid Id, int Number) target;
        lock (_created)
        {
            if (_created.Count == 0) return;
            target = _created[_created.Count - 1 - _random.Next(Math.Min(Recent, _created.Count))];
        }
        var version = _latest.AddOrUpdate(target.Number, 1, (_, v) => v + 1);
        var sent = DateTimeOffset.UtcNow;
        _changes.Enqueue(new Change(target.Number, version, sent, false));
        await _client.DataversePatchAsync($"accounts({target.Id})", new JsonObject { ["name"] = Name(target.Number, version) }, ct);
    }

    private static string Name(int number, int version) => string.Create(CultureInfo.InvariantCulture, $"Live {number:D5} v{version}");

    [GeneratedRegex(@"^Live (\d+) v(\d+)$")]
    private static partial Regex NamePattern();

    /// <summary>Every contact write Xero accepted since <paramref name="since"/>: when, and which account at which version.</summary>
    public async Task<List<(DateTimeOffset At, int Number, int Version)>> XeroWritesAsync(DateTimeOffset since, CancellationToken ct)
    {
        var requests = (await _control.GetFromJsonAsync<JsonArray>("_emulator/requests", ct))!;
        var writes = new List<(DateTimeOffset, int, int)>();
        foreach (var r in requests)
        {
            var at = r!["at"]!.GetValue<DateTimeOffset>();
            if (at < since || r["status"]!.GetValue<int>() != 200 || !r["path"]!.GetValue<string>().StartsWith("/api.xro/2.0/Contacts", StringComparison.Ordinal)) continue;
            foreach (var contact in JsonNode.Parse(r["body"]!.GetValue<string>())?["Contacts"]?.AsArray() ?? [])
            {
                if (contact?["Name"]?.GetValue<string>() is { } name && NamePattern().Match(name) is { Success: true } m)
                    writes.Add((at, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
            }
        }
        return writes;
    }

    /// <summary>Accounts whose latest name is not yet in Xero.</summary>
    public int Behind(IEnumerable<(DateTimeOffset At, int Number, int Version)> writes)
    {
        var seen = writes.GroupBy(w => w.Number).ToDictionary(g => g.Key, g => g.Max(w => w.Version));
        return _latest.Count(l => !seen.TryGetValue(l.Key, out var v) || v < l.Value);
    }

    /// <summary>
    /// Per change, from when it was sent to the first Xero write of its account at its version or later; the
    /// median, the 99th percentile, and when the last of them arrived.
    /// </summary>
    /// <param name="censoredAt">When given, a change not in Xero counts with the time it had waited until then (a lower bound); otherwise it is left out.</param>
    public (double P50, double P99, int Done, DateTimeOffset? LastArrival) Latency(IReadOnlyList<(DateTimeOffset At, int Number, int Version)> writes, bool trickle = false, DateTimeOffset? censoredAt = null)
    {
        var byAccount = writes.GroupBy(w => w.Number).ToDictionary(g => g.Key, g => g.OrderBy(w => w.At).ToList());
        var ms = new List<double>();
        var done = 0;
        DateTimeOffset? last = null;
        foreach (var change in _changes.Where(c => c.Trickle == trickle))
        {
            var hit = byAccount.TryGetValue(change.Number, out var list) ? list.FirstOrDefault(w => w.Version >= change.Version) : default;
            if (hit == default)
            {
                if (censoredAt is { } stop) ms.Add((stop - change.SentAt).TotalMilliseconds);
                continue;
            }
            done++;
            ms.Add((hit.At - change.SentAt).TotalMilliseconds);
            if (last is null || hit.At > last) last = hit.At;
        }
        ms.Sort();
        return ms.Count == 0 ? (double.NaN, double.NaN, 0, null) : (ChangeDriver.Percentile(ms, 0.50), ChangeDriver.Percentile(ms, 0.99), done, last);
    }

    public void Dispose()
    {
        _client.Dispose();
        _control.Dispose();
    }
}
