using D365Xero.Emulators.Xero.Common;

namespace D365Xero.Emulators.Xero.Items;

/// <summary>[SPEC] schema Item. Nullable throughout: omitted fields keep their value on update.</summary>
internal sealed class Item : IBatchElement
{
    public Guid? ItemID { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? PurchaseDescription { get; set; }
    public bool? IsSold { get; set; }
    public bool? IsPurchased { get; set; }
    public ItemPriceDetails? SalesDetails { get; set; }
    public ItemPriceDetails? PurchaseDetails { get; set; }
    public string? InventoryAssetAccountCode { get; set; }
    public bool? IsTrackedAsInventory { get; set; }
    public decimal? QuantityOnHand { get; set; }
    public decimal? TotalCostPool { get; set; }
    public string? UpdatedDateUTC { get; set; }
    public string? StatusAttributeString { get; set; }
    public List<ValidationError>? ValidationErrors { get; set; }

    public void FlagErrors(bool hasErrors) { }
}
