namespace D365Xero.Configuration.Mapping;

/// <summary>One tracking category on every invoice line: its Xero name, and where each line's option comes from (docs/xero-rules.md#x-tracking-two-categories).</summary>
public sealed class TrackingMap : ColumnMap
{
    /// <summary>The Xero tracking category's name, e.g. <c>Region</c>.</summary>
    public string? Category { get; set; }
}
