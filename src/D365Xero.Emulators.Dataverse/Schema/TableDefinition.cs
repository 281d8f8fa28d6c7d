namespace D365Xero.Emulators.Dataverse;

/// <summary>A table (entity): its entity set, keys and columns. Ordinals are never reused, so a removed column's slot stays empty.</summary>
internal sealed class TableDefinition
{
    private readonly List<ColumnDefinition> _columns = [];
    private int _nextOrdinal;
    private readonly Dictionary<string, ColumnDefinition> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ColumnDefinition Column, LookupTarget Target)> _navigations = new(StringComparer.Ordinal);

    /// <param name="primaryId">The key column when it is not <c>{logicalName}id</c> (a systemform's is <c>formid</c>).</param>
    public TableDefinition(string logicalName, string entitySetName, int objectTypeCode, string primaryName, string? primaryId = null)
    {
        LogicalName = logicalName;
        EntitySetName = entitySetName;
        ObjectTypeCode = objectTypeCode;
        PrimaryIdAttribute = primaryId ?? logicalName + "id";
        PrimaryNameAttribute = primaryName;
        Add(new ColumnDefinition { LogicalName = PrimaryIdAttribute, Type = ColumnType.Uniqueidentifier, IsReadOnly = true });
    }

    public string LogicalName { get; }
    public string EntitySetName { get; }
    public int ObjectTypeCode { get; }
    public string PrimaryIdAttribute { get; }
    public string PrimaryNameAttribute { get; }
    public Guid MetadataId { get; init; } = Guid.NewGuid();
    /// <summary>EntityMetadata.ChangeTrackingEnabled (docs/dataverse-rules.md#d-change-tracking-enabled; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems).</summary>
    public bool ChangeTrackingEnabled { get; set; }
    public bool IsCustomizable { get; init; } = true;
    /// <summary>A table made through <c>POST EntityDefinitions</c> (docs/dataverse-rules.md#d-table-create).</summary>
    public bool IsCustomEntity { get; init; }
    /// <summary>As sent on create (e.g. <c>xero_Payment</c>); derived from the logical name when empty.</summary>
    public string SchemaName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string DisplayCollectionName { get; init; } = "";
    public string OwnershipType { get; init; } = "UserOwned";
    public bool HasNotes { get; init; }
    public bool HasActivities { get; init; }
    public bool IsActivity { get; init; }
    public List<CollectionNavigation> CollectionNavigations { get; } = [];
    public string TypeName => "Microsoft.Dynamics.CRM." + LogicalName;
    public IReadOnlyList<ColumnDefinition> Columns => _columns;
    public ColumnDefinition PrimaryId => _columns[0];

    public ColumnDefinition Add(ColumnDefinition column)
    {
        column.Ordinal = _nextOrdinal++;
        _columns.Add(column);
        _byName[column.LogicalName] = column;
        foreach (var target in column.Targets) _navigations[target.NavigationProperty] = (column, target);
        return column;
    }

    /// <summary>Takes a column away (its metadata is deleted); rows keep an empty slot at its ordinal.</summary>
    public void Remove(ColumnDefinition column)
    {
        _columns.Remove(column);
        _byName.Remove(column.LogicalName);
    }

    /// <summary>Lets a polymorphic lookup point at one more table (annotation.objectid at a custom table with notes).</summary>
    public void AddTarget(ColumnDefinition column, LookupTarget target)
    {
        column.Targets = [.. column.Targets.Where(t => t.Table != target.Table), target];
        _navigations[target.NavigationProperty] = (column, target);
    }

    /// <summary>Takes a table away as a lookup target (the table was deleted).</summary>
    public void RemoveTarget(ColumnDefinition column, string table)
    {
        foreach (var target in column.Targets.Where(t => t.Table == table)) _navigations.Remove(target.NavigationProperty);
        column.Targets = column.Targets.Where(t => t.Table != table).ToList();
    }

    /// <summary>A column usable through the Web API: unpublished custom columns do not exist yet.</summary>
    public ColumnDefinition? Find(string logicalName) =>
        _byName.TryGetValue(logicalName, out var c) && c.IsPublished ? c : null;

    /// <summary>Any column including unpublished ones (metadata API).</summary>
    public ColumnDefinition? FindAny(string logicalName) => _byName.GetValueOrDefault(logicalName);

    /// <summary>Resolves a read name (<c>name</c> or <c>_x_value</c>) to a readable column.</summary>
    public ColumnDefinition? FindByReadName(string readName)
    {
        if (readName.StartsWith('_') && readName.EndsWith("_value", StringComparison.Ordinal))
        {
            var column = Find(readName[1..^6]);
            return column is { IsLookup: true, IsReadable: true } ? column : null;
        }
        var plain = Find(readName);
        return plain is { IsLookup: false, IsReadable: true } ? plain : null;
    }

    public (ColumnDefinition Column, LookupTarget Target)? FindNavigation(string name) =>
        _navigations.TryGetValue(name, out var n) ? n : null;

    public CollectionNavigation? FindCollection(string name) =>
        CollectionNavigations.FirstOrDefault(n => n.Name == name);
}
