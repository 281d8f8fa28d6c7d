namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Recognises the filter clients use to read rows by key, <c>col eq &lt;guid&gt; or col eq &lt;guid&gt; …</c> on the
/// primary key or on a lookup (<c>_x_value</c>), so the store answers it from an index instead of testing every
/// row. Only the work changes: the rows returned are those the full scan would return, in the same order.
/// </summary>
internal sealed record KeyLookup(ColumnDefinition Column, bool IsPrimaryKey, IReadOnlySet<Guid> Keys)
{
    public static KeyLookup? Of(TableDefinition table, FilterNode filter)
    {
        var keys = new HashSet<Guid>();
        string? path = null;
        var pending = new Stack<FilterNode>();
        pending.Push(filter);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case OrNode or:
                    pending.Push(or.Right);
                    pending.Push(or.Left);
                    break;
                case ComparisonNode { Operator: "eq", Literal: Guid key } c when path is null || c.Path == path:
                    path = c.Path;
                    keys.Add(key);
                    break;
                default:
                    return null;
            }
        }
        if (path is null || path.Contains('/')) return null;
        if (path == table.PrimaryIdAttribute) return new KeyLookup(table.PrimaryId, true, keys);
        return table.FindByReadName(path) is { IsLookup: true } lookup ? new KeyLookup(lookup, false, keys) : null;
    }

    /// <summary>The matching rows in primary-key order, as a scan would list them.</summary>
    public List<Row> Rows(TableStore store)
    {
        var rows = IsPrimaryKey
            ? Keys.Select(store.Get).OfType<Row>().ToList()
            : Keys.SelectMany(k => store.WithLookup(Column, k)).ToList();
        rows.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return rows;
    }
}
