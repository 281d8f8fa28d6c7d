using System.Data.Common;
using Dapper;

namespace D365Xero.Journal;

/// <summary>
/// The lease SQL, the same for SQLite and PostgreSQL (both have <c>INSERT … ON CONFLICT … DO UPDATE … WHERE</c>
/// and <c>RETURNING</c>); each provider opens the connection and says how to lock the lease row.
/// </summary>
internal static class LeaseCommands
{
    public static async Task<Lease?> TryAcquireAsync(DbConnection db, string connection, string holder, TimeSpan duration, long now, CancellationToken ct)
    {
        var expires = now + (long)duration.TotalMilliseconds;
        // The conditional upsert is one statement: two instances racing for a run-out lease are
        // serialised on its row, and the second sees the first's live lease and gets no row back.
        var fence = await db.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            INSERT INTO leases (connection, holder, fence, expires_at, acquired_at)
            VALUES (@connection, @holder, 1, @expires, @now)
            ON CONFLICT (connection) DO UPDATE SET
                holder = excluded.holder, fence = leases.fence + 1,
                expires_at = excluded.expires_at, acquired_at = excluded.acquired_at
            WHERE leases.holder IS NULL OR leases.expires_at <= @now OR leases.holder = excluded.holder
            RETURNING fence
            """, new { connection, holder, expires, now }, cancellationToken: ct));
        return fence is { } f ? new Lease(connection, holder, f, DateTimeOffset.FromUnixTimeMilliseconds(expires)) : null;
    }

    public static async Task<Lease?> RenewAsync(DbConnection db, Lease lease, TimeSpan duration, long now, CancellationToken ct)
    {
        var expires = now + (long)duration.TotalMilliseconds;
        // Run out but not taken is still ours: the fence is unchanged, so nobody else worked the connection.
        var renewed = await db.ExecuteAsync(new CommandDefinition(
            "UPDATE leases SET expires_at = @expires WHERE connection = @Connection AND holder = @Holder AND fence = @Fence",
            new { expires, lease.Connection, lease.Holder, lease.Fence }, cancellationToken: ct));
        return renewed == 1 ? lease with { ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(expires) } : null;
    }

    public static Task ReleaseAsync(DbConnection db, Lease lease, CancellationToken ct) =>
        // The fence stays: the next holder's is larger still.
        db.ExecuteAsync(new CommandDefinition(
            "UPDATE leases SET holder = NULL, expires_at = 0 WHERE connection = @Connection AND holder = @Holder AND fence = @Fence",
            new { lease.Connection, lease.Holder, lease.Fence }, cancellationToken: ct));

    public static async Task<IReadOnlyList<LeaseState>> ReadAsync(DbConnection db, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string Connection, string? Holder, long Fence, long ExpiresAt)>(new CommandDefinition(
            "SELECT connection, holder, fence, expires_at FROM leases ORDER BY connection", cancellationToken: ct));
        return [.. rows.Select(r => new LeaseState(r.Connection, r.Holder, r.Fence, DateTimeOffset.FromUnixTimeMilliseconds(r.ExpiresAt)))];
    }

    public static async Task<int> AnnounceAsync(DbConnection db, string holder, TimeSpan liveFor, long now, CancellationToken ct)
    {
        var since = now - (long)liveFor.TotalMilliseconds;
        await db.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO instances (holder, seen_at) VALUES (@holder, @now)
            ON CONFLICT (holder) DO UPDATE SET seen_at = excluded.seen_at
            """, new { holder, now }, cancellationToken: ct));
        // Instances gone without retiring (killed) are forgotten once they have been silent a day.
        await db.ExecuteAsync(new CommandDefinition(
            "DELETE FROM instances WHERE seen_at < @forget", new { forget = now - (long)TimeSpan.FromDays(1).TotalMilliseconds }, cancellationToken: ct));
        return await db.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM instances WHERE seen_at > @since", new { since }, cancellationToken: ct));
    }

    public static Task RetireAsync(DbConnection db, string holder, CancellationToken ct) =>
        db.ExecuteAsync(new CommandDefinition("DELETE FROM instances WHERE holder = @holder", new { holder }, cancellationToken: ct));

    /// <summary>
    /// The fence check every fenced write runs first, in its own transaction. <paramref name="lockClause"/>
    /// is PostgreSQL's <c>FOR SHARE</c>: a takeover (an UPDATE of the row) waits until the write commits,
    /// so a write is either in before the takeover or refused after it. SQLite needs none: its
    /// transactions begin IMMEDIATE, holding the one write lock.
    /// </summary>
    public static async Task GuardAsync(DbConnection db, DbTransaction tx, Lease lease, string lockClause, CancellationToken ct)
    {
        var current = await db.QuerySingleOrDefaultAsync<HolderRow>(new CommandDefinition(
            $"SELECT holder AS Holder, fence AS Fence FROM leases WHERE connection = @Connection {lockClause}",
            new { lease.Connection }, tx, cancellationToken: ct));
        if (current is null || current.Holder != lease.Holder || current.Fence != lease.Fence)
            throw new LeaseLostException(lease, current?.Holder, current?.Fence);
    }

    private sealed class HolderRow
    {
        public string? Holder { get; set; }
        public long Fence { get; set; }
    }
}
