using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync;

/// <summary>
/// Xero items by Code (case-insensitive, as Xero compares codes), for matching a product on first sync and
/// finding an orphan: both read only the item's id. A back-fill of 20,000 products keeps 20,000 ids and codes,
/// not their names, descriptions and sales details. A lookup hands out an item with its ItemID and Code.
/// Batches run side by side and all read and add here.
/// </summary>
public sealed class XeroItemIndex
{
    private readonly ConcurrentDictionary<string, Entry> _byCode = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _byCode.Count;

    /// <summary>The item with this Code, as the index keeps it (its ItemID and Code).</summary>
    public bool TryGetValue(string code, [MaybeNullWhen(false)] out XeroItem item)
    {
        item = _byCode.TryGetValue(code, out var entry) ? new XeroItem { ItemID = entry.Id, Code = entry.Code } : null;
        return item is not null;
    }

    /// <summary>Keeps the first item read of a Code.</summary>
    public bool TryAdd(string code, XeroItem item) => _byCode.TryAdd(code, new Entry(item.ItemID, item.Code));

    /// <summary>Our own write: what Xero answered replaces what was known of that Code.</summary>
    public XeroItem this[string code]
    {
        set => _byCode[code] = new Entry(value.ItemID, value.Code);
    }

    private sealed record Entry(Guid? Id, string? Code);
}
