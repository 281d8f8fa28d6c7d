using System.Text.Json.Nodes;
using D365Xero.Source.Dataverse;

namespace D365Xero.WriteBack;

/// <summary>
/// Writes what the connector learned onto the Dynamics rows, in bulk (UpdateMultiple, PRODUCT.md
/// §3b), and only the columns whose value differs from what the row already shows: a row whose
/// columns are already right costs nothing, which is what ends the echo of our own write-back.
/// </summary>
public sealed class DynamicsWriteBack(DataverseClient dataverse, WriteBackColumns columns, TimeProvider time)
{
    private static readonly Dictionary<string, (string EntitySet, string Key)> Tables = new()
    {
        ["account"] = ("accounts", "accountid"),
        ["contact"] = ("contacts", "contactid"),
        ["product"] = ("products", "productid"),
        ["salesorder"] = ("salesorders", "salesorderid"),
    };

    private int _rowsWritten;

    public int RowsWritten => _rowsWritten;

    /// <param name="current">The rows as read (carrying our columns), by id; a row missing here is written in full.</param>
    public async Task WriteAsync(string table, IEnumerable<RowWriteBack> wanted, IReadOnlyDictionary<Guid, JsonObject> current, CancellationToken ct)
    {
        var (entitySet, key) = Tables[table];
        var updates = new List<(Guid, JsonObject)>();
        foreach (var row in wanted)
        {
            var changes = Changes(table, row, current.GetValueOrDefault(row.Id));
            if (changes is not null) updates.Add((row.Id, changes));
        }
        if (updates.Count == 0) return;
        // A row deleted meanwhile comes back as not updated; there is nothing left to write on.
        await dataverse.UpdateMultipleAsync(entitySet, table, key, updates, ct);
        Interlocked.Add(ref _rowsWritten, updates.Count);
    }

    private JsonObject? Changes(string table, RowWriteBack row, JsonObject? current)
    {
        var desired = new Dictionary<string, string?>
        {
            [columns.Status] = row.Status,
            [columns.Error] = Truncate(row.Error, 4000),
        };
        if (table != "contact")
        {
            desired[columns.XeroId(table)] = row.XeroId;
            desired[columns.Url] = row.Url;
        }
        if (table == "salesorder") desired[columns.InvoiceNumber] = row.XeroNumber;

        var changes = new JsonObject();
        foreach (var (column, value) in desired)
        {
            var now = current?[column] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (!string.Equals(now ?? "", value ?? "", StringComparison.Ordinal)) changes[column] = value;
        }
        if (changes.Count == 0 && !row.Sent) return null;
        changes[columns.SyncedOn] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        return changes;
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
