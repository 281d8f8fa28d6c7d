namespace D365Xero.Journal;

/// <summary>
/// What a sync step needs of the store: its rows' links, and queuing work for other tables. Small, so
/// a step can be tested with an in-memory fake and a dry run can read without writing.
/// </summary>
public interface ILinkStore
{
    Task<IReadOnlyDictionary<Guid, Link>> GetLinksAsync(string connection, string table, IReadOnlyCollection<Guid> ids, CancellationToken ct);
    Task<Link?> FindLinkByXeroIdAsync(string connection, string table, string xeroId, CancellationToken ct);
    Task UpsertLinksAsync(IEnumerable<Link> links, CancellationToken ct);

    /// <summary>
    /// Queues rows for syncing. A row already queued is not queued twice: its generation is bumped,
    /// so a worker holding it will leave it queued for another pass (collapse, never lose).
    /// </summary>
    Task EnqueueAsync(string connection, IEnumerable<WorkKey> keys, CancellationToken ct, TimeSpan? delay = null);
}
