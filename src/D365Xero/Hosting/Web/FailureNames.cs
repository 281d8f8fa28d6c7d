using System.Collections.Concurrent;
using D365Xero.Sync;

namespace D365Xero.Hosting.Web;

/// <summary>
/// The Dynamics names of failed rows (each table's name column), so the status page says which record failed,
/// not only its id. Read in one Web API call per table, kept for a short while (the page refreshes
/// every few seconds) and best effort: a slow or failing Dynamics leaves the names out, never the page.
/// </summary>
public sealed class FailureNames(TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<(string Connection, string Table, Guid Id), (string? Name, DateTimeOffset At)> _cache = new();

    /// <summary>"table:id" → name, for the failures whose table has a name the connector reads.</summary>
    public async Task<Dictionary<string, string>> ForAsync(SyncConnection connection, IEnumerable<StatusReport.Failure> failures, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var wanted = failures.Where(f => connection.Tables.Contains(f.Table) && connection.Tables[f.Table].NameColumn is not null).Select(f => (f.Table, f.DynamicsId)).Distinct().ToList();
        var missing = wanted.Where(w => !_cache.TryGetValue((connection.Name, w.Table, w.DynamicsId), out var hit) || now - hit.At > Keep).ToList();
        if (missing.Count > 0)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(Budget);
            try
            {
                foreach (var group in missing.GroupBy(m => m.Table))
                {
                    var ids = group.Select(g => g.DynamicsId).ToList();
                    var found = await connection.Reader.GetNamesAsync(connection.Tables[group.Key], ids, limit.Token);
                    foreach (var id in ids) _cache[(connection.Name, group.Key, id)] = (found.GetValueOrDefault(id), now);
                }
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // Dynamics is slow or refusing: the page shows ids until the next refresh.
            }
        }
        var names = new Dictionary<string, string>();
        foreach (var (table, id) in wanted)
        {
            if (_cache.TryGetValue((connection.Name, table, id), out var hit) && hit.Name is { } name) names[$"{table}:{id}"] = name;
        }
        return names;
    }
}
