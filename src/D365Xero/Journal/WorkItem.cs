namespace D365Xero.Journal;

/// <summary>
/// A claimed journal entry. <see cref="Generation"/> is the entry's change counter at claim time:
/// completing succeeds only if no newer change arrived meanwhile, otherwise the entry stays queued
/// (many changes to one row collapse into one entry, and none is lost while a worker holds it).
/// </summary>
public sealed record WorkItem(long Id, string Connection, string Table, Guid DynamicsId, long Generation, int Attempts)
{
    public WorkKey Key => new(Table, DynamicsId);
}
