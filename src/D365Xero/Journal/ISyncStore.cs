namespace D365Xero.Journal;

/// <summary>
/// The connector's durable state: the journal of pending work, links, delta cursors and
/// connection grants. SQLite by default; a PostgreSQL provider implements the same contract.
/// Every method is safe to call again after a crash: each says where work may run twice and why
/// that is harmless.
/// </summary>
public interface ISyncStore : ILeaseStore, ILinkStore
{
    /// <summary>
    /// The same store, whose every write (enqueue, claim, complete, release, links, cursors, secrets)
    /// first checks, in the write's own transaction, that <paramref name="lease"/> is still the
    /// connection's current lease, and otherwise throws <see cref="LeaseLostException"/> and writes nothing.
    /// </summary>
    ISyncStore Fenced(Lease lease);

    /// <summary>Creates or upgrades the schema; runs on every start.</summary>
    Task MigrateAsync(CancellationToken ct);

    /// <summary>
    /// Claims up to <paramref name="max"/> entries of one table whose time has come. A claim is a
    /// lease: when the worker dies, the entry becomes visible again after <paramref name="lease"/>.
    /// </summary>
    Task<IReadOnlyList<WorkItem>> ClaimAsync(string connection, string table, int max, TimeSpan lease, string worker, CancellationToken ct);

    /// <summary>Removes entries whose generation is unchanged; releases the rest (changed while claimed).</summary>
    Task CompleteAsync(IEnumerable<WorkItem> items, CancellationToken ct);

    /// <summary>Puts entries back, visible after <paramref name="delay"/>, counting an attempt.</summary>
    Task ReleaseAsync(IEnumerable<WorkItem> items, TimeSpan delay, CancellationToken ct);

    /// <summary>
    /// Puts entries back, visible after <paramref name="delay"/>, without counting an attempt: waiting
    /// is not failing (the organisation's daily budget is spent, the process is shutting down, a
    /// dependency has not reached Xero yet), so it never uses up <c>Sync:MaxAttempts</c>.
    /// </summary>
    Task DeferAsync(IEnumerable<WorkItem> items, TimeSpan delay, CancellationToken ct);

    /// <summary>Pending entries per table (claimed or not).</summary>
    Task<IReadOnlyDictionary<string, long>> CountPendingAsync(string connection, CancellationToken ct);

    /// <summary>Per table with entries: pending, ready now, the oldest ready entry's enqueue time, unclaimed entries enqueued after <paramref name="recentSince"/>.</summary>
    Task<IReadOnlyDictionary<string, JournalLook>> LookAsync(string connection, DateTimeOffset recentSince, CancellationToken ct);

    /// <summary>The earliest time an unclaimed entry of the connection becomes available, if any.</summary>
    Task<DateTimeOffset?> NextAvailableAsync(string connection, CancellationToken ct);

    /// <summary>The links of one table whose Xero id is one of <paramref name="xeroIds"/>, by Xero id (an invoice Xero says changed → its order).</summary>
    Task<IReadOnlyDictionary<string, Link>> GetLinksByXeroIdsAsync(string connection, string table, IReadOnlyCollection<string> xeroIds, CancellationToken ct);

    Task<IReadOnlyList<Link>> GetLinksByStatusAsync(string connection, SyncStatus status, int max, CancellationToken ct);
    Task<IReadOnlyList<LinkCount>> CountLinksAsync(string connection, CancellationToken ct);

    Task<string?> GetCursorAsync(string connection, string table, CancellationToken ct);
    /// <summary>Saved only after everything read before it is queued (the checkpoint follows the commit).</summary>
    Task SetCursorAsync(string connection, string table, string? deltaLink, CancellationToken ct);

    Task<string?> GetSecretAsync(string connection, string name, CancellationToken ct);
    /// <summary>Saved atomically: a reader sees the old value or the new one, never neither.</summary>
    Task SetSecretAsync(string connection, string name, string? value, CancellationToken ct);
}
