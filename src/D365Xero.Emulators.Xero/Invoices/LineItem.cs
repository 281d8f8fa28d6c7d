namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>[SPEC] schema LineItem.</summary>
internal sealed class LineItem
{
    public Guid? LineItemID { get; set; }
    public string? Description { get; set; }
    public decimal? Quantity { get; set; }
    public decimal? UnitAmount { get; set; }
    public string? ItemCode { get; set; }
    public string? AccountCode { get; set; }
    public Guid? AccountID { get; set; }
    public string? TaxType { get; set; }
    public decimal? TaxAmount { get; set; }
    public LineItemItem? Item { get; set; }
    public decimal? LineAmount { get; set; }
    public List<LineTracking>? Tracking { get; set; }
    public decimal? DiscountRate { get; set; }
    public decimal? DiscountAmount { get; set; }
}
