namespace D365Xero.Emulators.Xero.Items;

/// <summary>[SPEC] schema Purchase, used for both SalesDetails and PurchaseDetails.</summary>
internal sealed class ItemPriceDetails
{
    public decimal? UnitPrice { get; set; }
    public string? AccountCode { get; set; }
    public string? COGSAccountCode { get; set; }
    public string? TaxType { get; set; }
}
