using System.Text.Json.Nodes;

namespace D365Xero.WriteBack;

/// <summary>Writes what the connector learned onto Dynamics rows (the steps' view of <see cref="DynamicsWriteBack"/>).</summary>
public interface IRowWriter
{
    /// <param name="current">The rows as read (carrying our columns), by id; a row missing here is written in full.</param>
    Task WriteAsync(string table, IEnumerable<RowWriteBack> wanted, IReadOnlyDictionary<Guid, JsonObject> current, CancellationToken ct);
}
