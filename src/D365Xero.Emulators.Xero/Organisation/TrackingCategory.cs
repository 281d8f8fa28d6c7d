namespace D365Xero.Emulators.Xero.Organisation;

/// <summary>[SPEC] schema TrackingCategory: at most two active per organisation, each with its options (docs/xero-rules.md#x-tracking-two-categories).</summary>
internal sealed record TrackingCategory(Guid TrackingCategoryID, string Name, IReadOnlyList<TrackingOption> Options)
{
    public string Status { get; init; } = "ACTIVE";

    public TrackingOption? Option(string name) =>
        Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
}
