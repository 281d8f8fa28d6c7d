namespace D365Xero.Configuration.Mapping;

/// <summary>
/// The purchase side of each product's Xero item (<c>Mapping:Item</c>), from <c>product</c> columns: PurchaseDetails'
/// AccountCode and UnitPrice (the cost). Schema <c>Item</c>/<c>Purchase</c>, https://developer.xero.com/documentation/api/accounting/items.
/// </summary>
public sealed class ItemFieldMaps
{
    /// <summary>PurchaseDetails.AccountCode: an active expense (purchases) account.</summary>
    public FieldMap PurchaseAccountCode { get; set; } = new();

    /// <summary>PurchaseDetails.UnitPrice, from a money or number column (e.g. product.standardcost), its raw value.</summary>
    public FieldMap PurchaseCost { get; set; } = new();

    public IEnumerable<(string Name, FieldMap Map)> All => [(nameof(PurchaseAccountCode), PurchaseAccountCode), (nameof(PurchaseCost), PurchaseCost)];
}
