namespace D365Xero.Tables;

/// <summary>The synced tables of a connection: listed (in `check`, `status`, webhook steps) as declared, drained by their drain order.</summary>
public sealed class TableRegistry
{
    private readonly Dictionary<string, SyncedTable> _byName;

    public TableRegistry(IEnumerable<SyncedTable> tables)
    {
        All = tables.ToList();
        InDrainOrder = All.OrderBy(t => t.DrainOrder).ToList();
        _byName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var table in All)
        {
            var unknown = table.DependsOn.Concat(table.Parent is { } p ? [p.Table] : []).Where(d => !_byName.ContainsKey(d)).ToList();
            if (unknown.Count > 0) throw new ArgumentException($"Table {table.Name} refers to undeclared tables: {string.Join(", ", unknown)}.");
            // What a table depends on must be drained before it, and a child's parent after it, or the work it queues waits a round.
            if (table.DependsOn.Any(d => _byName[d].DrainOrder >= table.DrainOrder) || table.Parent is { } parent && _byName[parent.Table].DrainOrder <= table.DrainOrder)
                throw new ArgumentException($"Table {table.Name}'s drain order does not come after what it depends on and before its parent.");
        }
    }

    /// <summary>Every synced table, as declared.</summary>
    public IReadOnlyList<SyncedTable> All { get; }

    /// <summary>Every synced table, in the order the drain works them.</summary>
    public IReadOnlyList<SyncedTable> InDrainOrder { get; }

    /// <summary>The tables that carry write-back columns.</summary>
    public IEnumerable<SyncedTable> WithWriteBack => All.Where(t => t.WriteBack.Count > 0);

    public SyncedTable this[string name] =>
        _byName.TryGetValue(name, out var table) ? table : throw new ArgumentOutOfRangeException(nameof(name), name, "not a synced table");

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The same tables plus one more (tests declare a throw-away table this way).</summary>
    public TableRegistry With(SyncedTable table) => new(All.Append(table));
}
