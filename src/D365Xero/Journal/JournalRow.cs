namespace D365Xero.Journal;

/// <summary>A journal row as the SQL providers read it.</summary>
internal sealed class JournalRow
{
    public long Id { get; init; }
    public string Connection { get; init; } = "";
    public string TableName { get; init; } = "";
    public string DynamicsId { get; init; } = "";
    public long Generation { get; init; }
    public int Attempts { get; init; }
    /// <summary>Read where a claim's rows come back unordered (SQLite's RETURNING), to put them in queue order.</summary>
    public long AvailableAt { get; init; }
    public long EnqueuedAt { get; init; }

    public WorkItem ToItem() => new(Id, Connection, TableName, Guid.Parse(DynamicsId), Generation, Attempts)
    {
        EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(EnqueuedAt),
        Arrived = AvailableAt <= EnqueuedAt,
    };
}
