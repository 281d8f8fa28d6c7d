namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>[SPEC] schema LineItemTracking: the category and option by ID or by name (docs/xero-rules.md#x-tracking-option-active).</summary>
internal sealed class LineTracking
{
    public Guid? TrackingCategoryID { get; set; }
    public Guid? TrackingOptionID { get; set; }
    public string? Name { get; set; }
    public string? Option { get; set; }
}
