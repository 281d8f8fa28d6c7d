namespace D365Xero.Emulators.Dataverse;

/// <summary>The rows of one table plus its delete log, kept in primary-key order for stable paging.</summary>
internal sealed class TableStore(TableDefinition definition)
{
    private readonly Dictionary<Guid, Row> _rows = [];
    private Row[]? _ordered;
    // Lookup column ordinal → referenced id → the rows pointing at it; built on first use, then kept current.
    private readonly Dictionary<int, Dictionary<Guid, HashSet<Guid>>> _lookups = [];

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

    /// <summary>The rows whose lookup <paramref name="column"/> points at <paramref name="id"/>.</summary>
    public IEnumerable<Row> WithLookup(ColumnDefinition column, Guid id)
    {
        if (!_lookups.TryGetValue(column.Ordinal, out var index))
        {
            index = [];
            foreach (var row in _rows.Values) Link(index, column.Ordinal, row);
            _lookups[column.Ordinal] = index;
        }
        return index.TryGetValue(id, out var ids) ? ids.Select(i => _rows[i]) : [];
    }

    public void Put(Row row)
    {
        var had = _rows.TryGetValue(row.Id, out var existing);
        foreach (var (ordinal, index) in _lookups)
        {
            if (had) Unlink(index, ordinal, existing!);
            Link(index, ordinal, row);
        }
        if (had && _ordered is not null)
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
        if (!_rows.Remove(id, out var removed)) return false;
        foreach (var (ordinal, index) in _lookups) Unlink(index, ordinal, removed);
        _ordered = null;
        return true;
    }

    public void Clear()
    {
        _rows.Clear();
        _lookups.Clear();
        _ordered = null;
        Deleted.Clear();
    }

    private static Guid? Target(Row row, int ordinal) =>
        ordinal < row.Values.Length && row.Values[ordinal] is EntityRef reference ? reference.Id : null;

    private static void Link(Dictionary<Guid, HashSet<Guid>> index, int ordinal, Row row)
    {
        if (Target(row, ordinal) is not { } target) return;
        if (!index.TryGetValue(target, out var ids)) index[target] = ids = [];
        ids.Add(row.Id);
    }

    private static void Unlink(Dictionary<Guid, HashSet<Guid>> index, int ordinal, Row row)
    {
        if (Target(row, ordinal) is { } target && index.TryGetValue(target, out var ids) && ids.Remove(row.Id) && ids.Count == 0)
            index.Remove(target);
    }

    private sealed class RowIdComparer : IComparer<Row>
    {
        public static readonly RowIdComparer Instance = new();
        public int Compare(Row? x, Row? y) => x!.Id.CompareTo(y!.Id);
    }
}
