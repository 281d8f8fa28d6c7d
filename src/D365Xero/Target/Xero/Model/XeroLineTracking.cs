namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>LineItemTracking</c>: the category and option, sent by name (docs/xero-rules.md#x-tracking-option-active).</summary>
public sealed record XeroLineTracking
{
    public Guid? TrackingCategoryID { get; init; }
    public Guid? TrackingOptionID { get; init; }
    public string? Name { get; init; }
    public string? Option { get; init; }
}
