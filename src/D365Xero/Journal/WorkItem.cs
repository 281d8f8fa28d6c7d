namespace D365Xero.Journal;

/// <summary>
/// A claimed journal entry. <see cref="Generation"/> is the entry's change counter at claim time:
/// completing succeeds only if no newer change arrived meanwhile, otherwise the entry stays queued
/// (many changes to one row collapse into one entry, and none is lost while a worker holds it).
/// </summary>
public sealed record WorkItem(long Id, string Connection, string Table, Guid DynamicsId, long Generation, int Attempts)
{
    /// <summary>When the entry was first queued (a later change to the same row keeps it): how long its change has waited, and how fast changes arrive.</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Queued ready at once (a webhook's change, a poll's without a delay), not a retry, a wait or a delayed backstop: a change arriving.</summary>
    public bool Arrived { get; init; } = true;

    public WorkKey Key => new(Table, DynamicsId);
}
