namespace D365Xero.Configuration.Mapping;

/// <summary>
/// One Xero field from one Dynamics column (<see cref="ColumnMap"/>), with what happens when the column is
/// empty: by default the field is sent empty, so a value cleared in Dynamics is cleared in Xero; with
/// <see cref="KeepWhenEmpty"/> it is left out of the payload, and Xero keeps the value it has
/// (docs/xero-rules.md#x-omitted-field-kept).
/// </summary>
public sealed class FieldMap : ColumnMap
{
    /// <summary>An empty Dynamics value leaves the field out, so Xero keeps its own value.</summary>
    public bool KeepWhenEmpty { get; set; }
}
