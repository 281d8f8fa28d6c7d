namespace D365Xero.Journal;

/// <summary>
/// The store as one connection's worker sees it. Once the worker holds the connection's lease
/// (<see cref="Bind"/>), every write goes through <see cref="ISyncStore.Fenced"/> with that lease, so
/// after a takeover the worker's writes are refused (<see cref="LeaseLostException"/>) instead of
/// landing beside the new holder's. Reads are never fenced. Unbound (tests, embedding) it is the store itself.
/// </summary>
public sealed class LeasedStore(ISyncStore store) : ISyncStore
{
    private volatile ISyncStore? _fenced;

    private ISyncStore _writes => _fenced ?? store;

    /// <summary>The lease writes are checked against now; null until bound.</summary>
    public Lease? Lease { get; private set; }

    /// <summary>From now on writes must hold <paramref name="lease"/>; a renewal needs no new binding (its fence is the same).</summary>
    public void Bind(Lease lease)
    {
        Lease = lease;
        _fenced = store.Fenced(lease);
    }

    public ISyncStore Fenced(Lease lease) => store.Fenced(lease);

    public Task MigrateAsync(CancellationToken ct) => store.MigrateAsync(ct);

    public Task EnqueueAsync(string connection, IEnumerable<WorkKey> keys, CancellationToken ct, TimeSpan? delay = null) =>
        _writes.EnqueueAsync(connection, keys, ct, delay);

    public Task<IReadOnlyList<WorkItem>> ClaimAsync(string connection, string table, int max, TimeSpan lease, string worker, CancellationToken ct) =>
        _writes.ClaimAsync(connection, table, max, lease, worker, ct);

    public Task CompleteAsync(IEnumerable<WorkItem> items, CancellationToken ct) => _writes.CompleteAsync(items, ct);

    public Task ReleaseAsync(IEnumerable<WorkItem> items, TimeSpan delay, CancellationToken ct) => _writes.ReleaseAsync(items, delay, ct);

    public Task DeferAsync(IEnumerable<WorkItem> items, TimeSpan delay, CancellationToken ct) => _writes.DeferAsync(items, delay, ct);

    public Task<IReadOnlyDictionary<string, long>> CountPendingAsync(string connection, CancellationToken ct) => store.CountPendingAsync(connection, ct);

    public Task<IReadOnlyDictionary<string, JournalLook>> LookAsync(string connection, DateTimeOffset recentSince, CancellationToken ct) =>
        store.LookAsync(connection, recentSince, ct);

    public Task<DateTimeOffset?> NextAvailableAsync(string connection, CancellationToken ct) => store.NextAvailableAsync(connection, ct);

    public Task<IReadOnlyDictionary<Guid, Link>> GetLinksAsync(string connection, string table, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        store.GetLinksAsync(connection, table, ids, ct);

    public Task<Link?> FindLinkByXeroIdAsync(string connection, string table, string xeroId, CancellationToken ct) =>
        store.FindLinkByXeroIdAsync(connection, table, xeroId, ct);

    public Task UpsertLinksAsync(IEnumerable<Link> links, CancellationToken ct) => _writes.UpsertLinksAsync(links, ct);

    public Task<IReadOnlyDictionary<string, Link>> GetLinksByXeroIdsAsync(string connection, string table, IReadOnlyCollection<string> xeroIds, CancellationToken ct) =>
        store.GetLinksByXeroIdsAsync(connection, table, xeroIds, ct);

    public Task<IReadOnlyList<Link>> GetLinksByStatusAsync(string connection, SyncStatus status, int max, CancellationToken ct) =>
        store.GetLinksByStatusAsync(connection, status, max, ct);

    public Task<IReadOnlyList<LinkCount>> CountLinksAsync(string connection, CancellationToken ct) => store.CountLinksAsync(connection, ct);

    public Task<string?> GetCursorAsync(string connection, string table, CancellationToken ct) => store.GetCursorAsync(connection, table, ct);

    public Task SetCursorAsync(string connection, string table, string? deltaLink, CancellationToken ct) =>
        _writes.SetCursorAsync(connection, table, deltaLink, ct);

    public Task<string?> GetSecretAsync(string connection, string name, CancellationToken ct) => store.GetSecretAsync(connection, name, ct);

    public Task SetSecretAsync(string connection, string name, string? value, CancellationToken ct) =>
        _writes.SetSecretAsync(connection, name, value, ct);

    public Task<Lease?> TryAcquireLeaseAsync(string connection, string holder, TimeSpan duration, CancellationToken ct) =>
        store.TryAcquireLeaseAsync(connection, holder, duration, ct);

    public Task<Lease?> RenewLeaseAsync(Lease lease, TimeSpan duration, CancellationToken ct) => store.RenewLeaseAsync(lease, duration, ct);

    public Task ReleaseLeaseAsync(Lease lease, CancellationToken ct) => store.ReleaseLeaseAsync(lease, ct);

    public Task<IReadOnlyList<LeaseState>> ReadLeasesAsync(CancellationToken ct) => store.ReadLeasesAsync(ct);

    public Task<int> AnnounceInstanceAsync(string holder, TimeSpan liveFor, CancellationToken ct) => store.AnnounceInstanceAsync(holder, liveFor, ct);

    public Task RetireInstanceAsync(string holder, CancellationToken ct) => store.RetireInstanceAsync(holder, ct);
}
