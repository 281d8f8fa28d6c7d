namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// All in-memory state: schema, rows, the global row version and delete logs. Every access happens under
/// <see cref="Gate"/>; requests are short CPU-only work, so one lock keeps writes atomic and versions ordered.
/// </summary>
internal sealed class DataverseStore
{
    private readonly TimeProvider _time;
    private Dictionary<string, TableStore> _tables = [];
    private UnitOfWork? _current;

    public DataverseStore(TimeProvider time)
    {
        _time = time;
        Schema = new SchemaCatalog();
        ResetTables();
    }

    public object Gate { get; } = new();
    public SchemaCatalog Schema { get; private set; }
    /// <summary>The last row version handed out; every write takes the next one.</summary>
    public long CurrentVersion { get; private set; } = 1_000_000;
    /// <summary>Receives committed events (the webhook dispatcher); called under the gate.</summary>
    public Action<IReadOnlyList<RowEvent>>? OnCommitted { get; set; }

    public DateTimeOffset Now => _time.GetUtcNow();

    public TableStore this[string logicalName] => _tables[logicalName];

    public TableStore this[TableDefinition table] => _tables[table.LogicalName];

    public long NextVersion() => ++CurrentVersion;

    /// <summary>Drops every row and custom column (control API reset).</summary>
    public void ResetSchema()
    {
        Schema = new SchemaCatalog();
        ResetTables();
    }

    /// <summary>Registers a table made through the metadata API, with an empty row store.</summary>
    public void AddTable(TableDefinition table)
    {
        Schema.AddTable(table);
        _tables[table.LogicalName] = new TableStore(table);
    }

    /// <summary>Drops a custom table and its rows.</summary>
    public void RemoveTable(TableDefinition table)
    {
        Schema.RemoveTable(table);
        _tables.Remove(table.LogicalName);
    }

    public UnitOfWork Begin()
    {
        var unit = new UnitOfWork(this, _current);
        _current ??= unit;
        return unit;
    }

    public void Completed(UnitOfWork unit, IReadOnlyList<RowEvent> events)
    {
        if (!ReferenceEquals(unit, _current)) return;
        _current = null;
        if (events.Count > 0) OnCommitted?.Invoke(events);
    }

    public UnitOfWork Current => _current ?? throw new InvalidOperationException("Writes need a unit of work.");

    public void Insert(TableDefinition table, Row row)
    {
        var store = this[table];
        store.Put(row);
        Current.OnUndo(() => store.Remove(row.Id));
    }

    public void Replace(TableDefinition table, Row before, Row after)
    {
        var store = this[table];
        store.Put(after);
        Current.OnUndo(() => store.Put(before));
    }

    public void Remove(TableDefinition table, Row row)
    {
        var store = this[table];
        store.Remove(row.Id);
        var deleted = new DeletedRow(row.Id, NextVersion(), Now);
        store.Deleted.Add(deleted);
        Current.OnUndo(() =>
        {
            store.Deleted.Remove(deleted);
            store.Put(row);
        });
    }

    private void ResetTables() =>
        _tables = Schema.Tables.ToDictionary(t => t.LogicalName, t => new TableStore(t));
}
