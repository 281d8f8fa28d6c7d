namespace D365Xero.WriteBack;

/// <summary>One column the connector writes on a Dynamics table, named with the publisher prefix, and how `provision` creates it.</summary>
public sealed record WriteBackColumn(string LogicalName, string SchemaName, string DisplayName, WriteBackColumnType Type, int MaxLength, string Description)
{
    public WriteBackField Field { get; init; }
}
