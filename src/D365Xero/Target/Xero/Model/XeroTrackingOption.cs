namespace D365Xero.Target.Xero.Model;

/// <summary>Schema <c>TrackingOption</c>.</summary>
public sealed record XeroTrackingOption
{
    public Guid? TrackingOptionID { get; init; }
    public string? Name { get; init; }
    /// <summary>ACTIVE or ARCHIVED.</summary>
    public string? Status { get; init; }
}
