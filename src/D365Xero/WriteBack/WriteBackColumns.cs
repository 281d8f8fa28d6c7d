using D365Xero.Tables;

namespace D365Xero.WriteBack;

/// <summary>
/// The columns the connector writes back onto each Dynamics table (as each <see cref="SyncedTable"/>
/// declares them), named with the publisher prefix (<c>Dataverse:ColumnPrefix</c>, default <c>xero</c>).
/// They are never among the mapped source columns, so writing them is recognisable as our own echo.
/// </summary>
public sealed class WriteBackColumns(string prefix, TableRegistry tables)
{
    /// <summary>The columns of the connector's own tables (<see cref="SyncedTables.Default"/>).</summary>
    public WriteBackColumns(string prefix) : this(prefix, SyncedTables.Default)
    {
    }

    public string Prefix { get; } = prefix;

    public TableRegistry Registry { get; } = tables;

    /// <summary>The tables that carry write-back columns.</summary>
    public IReadOnlyList<string> Tables => Registry.WithWriteBack.Select(t => t.Name).ToList();

    /// <summary>The columns of one table, in the order `provision` creates them.</summary>
    public IReadOnlyList<WriteBackColumn> For(string table) => Registry[table].WriteBack.Select(Column).ToList();

    private WriteBackColumn Column(WriteBackColumnSpec spec) =>
        new($"{Prefix}_{spec.SchemaSuffix.ToLowerInvariant()}", $"{Prefix}_{spec.SchemaSuffix}", spec.DisplayName, spec.Type, spec.MaxLength, spec.Description)
        {
            Field = spec.Field,
        };
}
