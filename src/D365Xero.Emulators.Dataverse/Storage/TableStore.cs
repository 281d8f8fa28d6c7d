namespace D365Xero.Emulators.Dataverse;

/// <summary>The rows of one table plus its delete log, kept in primary-key order for stable paging.</summary>
internal sealed class TableStore(TableDefinition definition)
{
    private readonly Dictionary<Guid, Row> _rows = [];
    private Row[]? _ordered;

    public TableDefinition Definition { get; } = definition;
    public List<DeletedRow> Deleted { get; } = [];
    public int Count => _rows.Count;

    public Row? Get(Guid id) => _rows.GetValueOrDefault(id);

    public bool Contains(Guid id) => _rows.ContainsKey(id);

    /// <summary>All rows ordered by primary key; the default order of a Dataverse query without $orderby.</summary>
    public Row[] Ordered()
    {
        if (_ordered is null)
        {
            var rows = _rows.Values.ToArray();
            Array.Sort(rows, static (a, b) => a.Id.CompareTo(b.Id));
            _ordered = rows;
        }
        return _ordered;
    }

    public void Put(Row row)
    {
        if (_rows.TryGetValue(row.Id, out var existing) && _ordered is not null)
        {
            var index = Array.BinarySearch(_ordered, row, RowIdComparer.Instance);
            if (index >= 0) _ordered[index] = row;
            _rows[row.Id] = row;
            return;
        }
        _rows[row.Id] = row;
        _ordered = null;
    }

    public bool Remove(Guid id)
    {
        if (!_rows.Remove(id)) return false;
        _ordered = null;
        return true;
    }

    public void Clear()
    {
        _rows.Clear();
        _ordered = null;
        Deleted.Clear();
    }

    private sealed class RowIdComparer : IComparer<Row>
    {
        public static readonly RowIdComparer Instance = new();
        public int Compare(Row? x, Row? y) => x!.Id.CompareTo(y!.Id);
    }
}
