using System.Text.Json.Nodes;
using D365Xero.Source.Dataverse;

namespace D365Xero.WriteBack;

/// <summary>
/// Writes what the connector learned onto the Dynamics rows, in bulk (UpdateMultiple:
/// https://learn.microsoft.com/power-apps/developer/data-platform/bulk-operations), and only the
/// columns whose value differs from what the row already shows: a row whose columns are already
/// right costs nothing, which is what ends the echo of our own write-back.
/// </summary>
public sealed class DynamicsWriteBack(DataverseClient dataverse, WriteBackColumns columns, TimeProvider time) : IRowWriter
{
    private int _rowsWritten;

    public int RowsWritten => _rowsWritten;

    public async Task WriteAsync(string table, IEnumerable<RowWriteBack> wanted, IReadOnlyDictionary<Guid, JsonObject> current, CancellationToken ct)
    {
        var declared = columns.Registry[table];
        var tableColumns = columns.For(table);
        var updates = new List<(Guid, JsonObject)>();
        foreach (var row in wanted)
        {
            var changes = Changes(tableColumns, row, current.GetValueOrDefault(row.Id));
            if (changes is not null) updates.Add((row.Id, changes));
        }
        if (updates.Count == 0) return;
        // A row deleted meanwhile comes back as not updated; there is nothing left to write on.
        await dataverse.UpdateMultipleAsync(declared.EntitySet, table, declared.Key, updates, ct);
        Interlocked.Add(ref _rowsWritten, updates.Count);
    }

    private JsonObject? Changes(IReadOnlyList<WriteBackColumn> tableColumns, RowWriteBack row, JsonObject? current)
    {
        var changes = new JsonObject();
        string? syncedOn = null;
        foreach (var column in tableColumns)
        {
            if (column.Field.IsReadBack()) continue; // the invoice's life: written by the read-back, never cleared here
            if (column.Field == WriteBackField.SyncedOn)
            {
                syncedOn = column.LogicalName;
                continue;
            }
            var value = Wanted(column.Field, row);
            var now = current?[column.LogicalName] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (!string.Equals(now ?? "", value ?? "", StringComparison.Ordinal)) changes[column.LogicalName] = value;
        }
        if (changes.Count == 0 && !row.Sent) return null;
        if (syncedOn is not null) changes[syncedOn] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        return changes;
    }

    private static string? Wanted(WriteBackField field, RowWriteBack row) => field switch
    {
        WriteBackField.XeroId => row.XeroId,
        WriteBackField.XeroNumber => row.XeroNumber,
        WriteBackField.Status => row.Status,
        WriteBackField.Error => Truncate(row.Error, 4000),
        WriteBackField.Url => row.Url,
        _ => null,
    };

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
