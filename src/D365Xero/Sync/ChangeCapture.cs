using D365Xero.Journal;
using D365Xero.Source.Dataverse;
using Microsoft.Extensions.Logging;

namespace D365Xero.Sync;

/// <summary>
/// Reads Dataverse change tracking for each synced table and queues what changed. The first read
/// (no cursor) returns every row: that is the back-fill. The delta link is saved only after the rows
/// before it are queued (Airbyte's rule: advance the checkpoint after the commit). An expired token
/// starts a full read again, which relies on matching, so it duplicates nothing.
/// </summary>
public sealed class ChangeCapture(SyncConnection c)
{
    /// <summary>Entity set and the columns a tracked read selects (the worker re-reads rows in full).</summary>
    public static readonly IReadOnlyDictionary<string, (string EntitySet, string Select)> Tables = new Dictionary<string, (string, string)>
    {
        ["account"] = ("accounts", "accountid"),
        ["contact"] = ("contacts", "contactid"),
        ["product"] = ("products", "productid"),
        ["salesorderdetail"] = ("salesorderdetails", "salesorderdetailid"),
        ["salesorder"] = ("salesorders", "salesorderid"),
    };

    /// <summary>Rows queued by the last capture, per table.</summary>
    public Dictionary<string, long> Queued { get; } = [];

    public async Task CaptureAsync(IEnumerable<string> tables, CancellationToken ct)
    {
        foreach (var table in tables) await CaptureTableAsync(table, ct);
    }

    private async Task CaptureTableAsync(string table, CancellationToken ct)
    {
        var (entitySet, select) = Tables[table];
        var cursor = await c.Store.GetCursorAsync(c.Name, table, ct);
        try
        {
            await ReadAsync(table, entitySet, select, cursor, ct);
        }
        catch (DeltaTokenExpiredException) when (cursor is not null)
        {
            c.Log.LogWarning("The change-tracking token for {Table} has expired; reading the whole table again (matching prevents duplicates).", table);
            await c.Store.SetCursorAsync(c.Name, table, null, ct);
            await ReadAsync(table, entitySet, select, null, ct);
        }
    }

    private async Task ReadAsync(string table, string entitySet, string select, string? cursor, CancellationToken ct)
    {
        await foreach (var page in c.Dataverse.ReadChangesAsync(entitySet, select, cursor, ct))
        {
            var keys = page.Changed
                .Select(row => row[$"{table}id"]?.GetValue<string>())
                .Select(id => Guid.TryParse(id, out var g) ? g : (Guid?)null)
                .OfType<Guid>()
                .Concat(page.Deleted)
                .Select(id => new WorkKey(table, id))
                .ToList();
            await c.Store.EnqueueAsync(c.Name, keys, ct);
            // A delta is a live change; the first read is the back-fill, which has no latency to speak of.
            if (cursor is not null) foreach (var key in keys) c.Clock.Heard(key);
            Queued[table] = Queued.GetValueOrDefault(table) + keys.Count;
            if (page.DeltaLink is not null) await c.Store.SetCursorAsync(c.Name, table, page.DeltaLink, ct);
        }
    }
}
