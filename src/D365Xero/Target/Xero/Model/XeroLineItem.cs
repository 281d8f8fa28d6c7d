namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>LineItem</c>. <see cref="LineItemID"/> is sent on updates so Xero keeps the line.</summary>
public sealed record XeroLineItem
{
    public Guid? LineItemID { get; init; }
    public string? Description { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? UnitAmount { get; init; }
    public string? ItemCode { get; init; }
    public string? AccountCode { get; init; }
    public string? TaxType { get; init; }
    public decimal? DiscountAmount { get; init; }
    public decimal? DiscountRate { get; init; }
    public decimal? LineAmount { get; init; }
    /// <summary>Up to two tracking categories, by name (docs/xero-rules.md#x-tracking-two-categories).</summary>
    public IReadOnlyList<XeroLineTracking>? Tracking { get; init; }
}
