namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>Purchase</c>, used for an item's SalesDetails.</summary>
public sealed record XeroItemDetails
{
    public decimal? UnitPrice { get; init; }
    public string? AccountCode { get; init; }
    public string? TaxType { get; init; }
}
