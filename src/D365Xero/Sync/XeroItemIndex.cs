using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync;

/// <summary>
/// Xero items by Code (case-insensitive, as Xero compares codes), for matching a product on first sync and
/// finding an orphan: both read only the item's id. A back-fill of 20,000 products keeps 20,000 ids and codes,
/// not their names, descriptions and sales details. A lookup hands out an item with its ItemID and Code.
/// </summary>
public sealed class XeroItemIndex() : SlimIndex<XeroItem, XeroItemIndex.Entry>(StringComparer.OrdinalIgnoreCase)
{
    protected override Entry Pack(XeroItem item) => new(item.ItemID, item.Code);

    protected override XeroItem Unpack(string code, Entry entry) => new() { ItemID = entry.Id, Code = entry.Code };

    /// <summary>What is kept of an item.</summary>
    public sealed record Entry(Guid? Id, string? Code);
}
