using System.Text.Json.Nodes;
using D365Xero.Source;

namespace D365Xero.Sync.Steps;

/// <summary>
/// The rows of a batch as they are now (an id without a row was deleted); a table's batch adds what
/// planning its rows needs.
/// </summary>
public class RowBatch<TRow>(IReadOnlyList<Guid> ids, IReadOnlyDictionary<Guid, Snapshot<TRow>> rows)
{
    public IReadOnlyList<Guid> Ids { get; } = ids;

    public IReadOnlyDictionary<Guid, Snapshot<TRow>> Rows { get; } = rows;

    /// <summary>The rows as read, carrying our write-back columns, so write-back sends only what differs.</summary>
    public IReadOnlyDictionary<Guid, JsonObject> Current => Rows.ToDictionary(r => r.Key, r => r.Value.Raw);
}
