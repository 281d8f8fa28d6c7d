namespace D365Xero.Emulators.Dataverse;

/// <summary>The columns a POST or PATCH body sets, in body order, after validation and type conversion.</summary>
internal sealed class WritePayload
{
    public List<KeyValuePair<ColumnDefinition, object?>> Values { get; } = [];
    public Guid? Id { get; set; }

    public void Set(ColumnDefinition column, object? value)
    {
        Values.RemoveAll(v => v.Key == column);
        Values.Add(new(column, value));
    }
}
