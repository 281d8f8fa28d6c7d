using D365Xero.Journal;

namespace D365Xero.Sync.Steps;

/// <summary>Works one batch of a table's journal entries. Every synced table declares the step that works it.</summary>
public interface ISyncStep
{
    /// <summary>
    /// Works the batch; returns the rows that must wait, each with how long before it is looked at again
    /// (an order whose customer was queued ahead of it; an order whose lines have not arrived yet).
    /// </summary>
    Task<IReadOnlyDictionary<Guid, TimeSpan>> WorkAsync(IReadOnlyList<WorkItem> items, CancellationToken ct);

    /// <summary>What working these rows would do, reading but writing nothing (`backfill --dry-run`); empty for a fan-out.</summary>
    Task<IReadOnlyList<PlannedChange>> PreviewAsync(IReadOnlyList<Guid> ids, CancellationToken ct);
}
