using System.Collections.Concurrent;
using D365Xero.Journal;

namespace D365Xero.Tests.Sync.Steps;

/// <summary>Links and queued keys in memory: what a step records, with nothing behind it.</summary>
internal sealed class FakeLinkStore : ILinkStore
{
    public ConcurrentDictionary<(string Table, Guid Id), Link> Links { get; } = new();
    public List<WorkKey> Queued { get; } = [];

    public Task<IReadOnlyDictionary<Guid, Link>> GetLinksAsync(string connection, string table, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, Link>>(ids.Where(id => Links.ContainsKey((table, id))).ToDictionary(id => id, id => Links[(table, id)]));

    public Task<Link?> FindLinkByXeroIdAsync(string connection, string table, string xeroId, CancellationToken ct) =>
        Task.FromResult(Links.Values.FirstOrDefault(l => l.Table == table && l.XeroId == xeroId));

    public Task UpsertLinksAsync(IEnumerable<Link> links, CancellationToken ct)
    {
        foreach (var link in links) Links[(link.Table, link.DynamicsId)] = link;
        return Task.CompletedTask;
    }

    public Task EnqueueAsync(string connection, IEnumerable<WorkKey> keys, CancellationToken ct, TimeSpan? delay = null)
    {
        Queued.AddRange(keys);
        return Task.CompletedTask;
    }
}
