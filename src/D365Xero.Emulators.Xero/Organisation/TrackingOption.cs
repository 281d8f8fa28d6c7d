namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>[SPEC] schema TrackingOption: Status ACTIVE or ARCHIVED (docs/xero-rules.md#x-tracking-option-active).</summary>
internal sealed record TrackingOption(Guid TrackingOptionID, string Name)
{
    public string Status { get; init; } = "ACTIVE";
}
