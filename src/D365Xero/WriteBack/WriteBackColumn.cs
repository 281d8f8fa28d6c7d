namespace D365Xero.WriteBack;

/// <summary>One column the connector writes on a Dynamics table, and how `provision` creates it.</summary>
public sealed record WriteBackColumn(string LogicalName, string SchemaName, string DisplayName, WriteBackColumnType Type, int MaxLength, string Description);
