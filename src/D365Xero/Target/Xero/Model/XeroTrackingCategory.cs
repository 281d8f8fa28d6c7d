namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>TrackingCategory</c> with its options (docs/xero-rules.md#x-tracking-option-active).</summary>
public sealed record XeroTrackingCategory
{
    public Guid? TrackingCategoryID { get; init; }
    public string? Name { get; init; }
    /// <summary>ACTIVE or ARCHIVED.</summary>
    public string? Status { get; init; }
    public IReadOnlyList<XeroTrackingOption>? Options { get; init; }
}
