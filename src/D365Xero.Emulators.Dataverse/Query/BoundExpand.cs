namespace D365Xero.Emulators.Dataverse;

/// <summary>A validated $expand: either a single-valued lookup navigation or a collection navigation.</summary>
internal sealed record BoundExpand(
    string Navigation,
    ColumnDefinition? Lookup,
    TableDefinition? Target,
    CollectionNavigation? Collection,
    IReadOnlyList<ColumnDefinition> Columns,
    FilterNode? Filter);
