using System.Collections.Concurrent;
using D365Xero.Journal;

namespace D365Xero.Sync;

/// <summary>
/// The store as a dry run sees it: links read from the real store, overlaid with what the plan so far
/// says earlier tables would become (an order is planned as if its customer and products had been sent
/// first, as they would be). Writes nothing: a write here is a bug, so it throws.
/// </summary>
public sealed class PreviewLinks(ILinkStore store) : ILinkStore
{
    /// <summary>Stands for the Xero id a planned create would be given.</summary>
    public static readonly string PlannedId = Guid.Empty.ToString();

    private readonly ConcurrentDictionary<(string Table, Guid Id), Link> _planned = new();

    public void Assume(Link link) => _planned[(link.Table, link.DynamicsId)] = link;

    public async Task<IReadOnlyDictionary<Guid, Link>> GetLinksAsync(string connection, string table, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var links = new Dictionary<Guid, Link>(await store.GetLinksAsync(connection, table, ids, ct));
        foreach (var id in ids)
        {
            if (_planned.TryGetValue((table, id), out var planned)) links[id] = planned;
        }
        return links;
    }

    public Task<Link?> FindLinkByXeroIdAsync(string connection, string table, string xeroId, CancellationToken ct) =>
        store.FindLinkByXeroIdAsync(connection, table, xeroId, ct);

    public Task UpsertLinksAsync(IEnumerable<Link> links, CancellationToken ct) =>
        throw new InvalidOperationException("A dry run writes nothing, yet a step tried to record links.");

    public Task EnqueueAsync(string connection, IEnumerable<WorkKey> keys, CancellationToken ct, TimeSpan? delay = null) =>
        throw new InvalidOperationException("A dry run writes nothing, yet a step tried to queue work.");
}
