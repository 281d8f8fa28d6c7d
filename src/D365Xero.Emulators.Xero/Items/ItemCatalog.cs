using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Items;

/// <summary>The organisation's price list. Not thread-safe: callers hold the organisation's lock.</summary>
internal sealed class ItemCatalog(OrganisationSettings settings)
{
    private readonly List<Item> _items = [];
    // Codes are unique (the rules below), so one item per code; kept in step with every add, replace and
    // removal: an invoice's lines are checked against 20,000 items without a scan per line.
    private readonly Dictionary<Guid, Item> _byId = [];
    private readonly Dictionary<string, Item> _byCode = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<Item> All => _items;

    public void Clear()
    {
        _items.Clear();
        _byId.Clear();
        _byCode.Clear();
    }

    public Item? Find(Guid id) => _byId.GetValueOrDefault(id);

    public Item? FindByCode(string code) => _byCode.GetValueOrDefault(code);

    private void Index(Item item)
    {
        _byId[item.ItemID!.Value] = item;
        if (!string.IsNullOrEmpty(item.Code)) _byCode.TryAdd(item.Code, item);
    }

    private void Unindex(Item item)
    {
        _byId.Remove(item.ItemID!.Value);
        if (item.Code is { } code && _byCode.GetValueOrDefault(code) == item) _byCode.Remove(code);
    }

    /// <summary>GET /Items/{x} serves an ItemID or a Code. Rule: [SPEC] path parameter ItemID accepts either.</summary>
    public Item? FindByKey(string key) => Guid.TryParse(key, out var id) ? Find(id) ?? FindByCode(key) : FindByCode(key);

    public BatchOutcome<Item> Create(Item input, DateTimeOffset now)
    {
        ItemRules.DropReadOnly(input);
        var errors = ItemRules.CheckFields(input, settings);
        if (string.IsNullOrWhiteSpace(input.Code)) errors.Add(ItemRules.CodeRequired);
        else if (FindByCode(input.Code) is not null) errors.Add(ItemRules.CodeTaken(input.Code));
        if (errors.Count > 0) return new(input, errors);

        var item = XeroJson.Clone(input);
        item.ItemID = Guid.NewGuid();
        // Rule: [SPEC] IsSold and IsPurchased default to true; docs/xero-rules.md#x-item-is-sold-clears-sales; developer.xero.com/documentation/api/items.
        item.IsSold ??= true;
        item.IsPurchased ??= true;
        ItemRules.ApplySoldAndPurchased(item);
        item.UpdatedDateUTC = XeroDate.Format(now);
        _items.Add(item);
        Index(item);
        return BatchOutcome<Item>.Saved(XeroJson.Clone(item));
    }

    public BatchOutcome<Item> Update(Item stored, Item patch, DateTimeOffset now)
    {
        ItemRules.DropReadOnly(patch);
        patch.ItemID = stored.ItemID;
        var errors = ItemRules.CheckFields(patch, settings);
        var merged = RecordMerge.Apply(stored, patch);
        if (string.IsNullOrWhiteSpace(merged.Code)) errors.Add(ItemRules.CodeRequired);
        else if (FindByCode(merged.Code) is { } holder && holder.ItemID != stored.ItemID)
            errors.Add(ItemRules.CodeTaken(merged.Code));
        if (errors.Count > 0) return new(patch, errors);

        ItemRules.ApplySoldAndPurchased(merged);
        merged.UpdatedDateUTC = XeroDate.Format(now);
        _items[_items.IndexOf(stored)] = merged;
        Unindex(stored);
        Index(merged);
        return BatchOutcome<Item>.Saved(XeroJson.Clone(merged));
    }

    /// <summary>POST: update by ItemID, else by Code (the item's natural key), else create.</summary>
    public BatchOutcome<Item> Upsert(Item input, DateTimeOffset now)
    {
        if (input.ItemID is { } id)
            return Find(id) is { } byId ? Update(byId, input, now) : new(input, [$"Item with ItemID {id} could not be found."]);
        return input.Code is not null && FindByCode(input.Code) is { } byCode ? Update(byCode, input, now) : Create(input, now);
    }

    public void Remove(Item item)
    {
        if (_items.Remove(item)) Unindex(item);
    }

    public void Seed(Item item, DateTimeOffset now)
    {
        item.ItemID ??= Guid.NewGuid();
        item.IsSold ??= true;
        item.IsPurchased ??= true;
        ItemRules.ApplySoldAndPurchased(item);
        item.UpdatedDateUTC = XeroDate.Format(now);
        _items.Add(item);
        Index(item);
    }
}
