namespace D365Xero.Emulators.Dataverse;

/// <summary>$orderby over rows; nulls first ascending (SQL order), ties broken by primary key for stable pages.</summary>
internal sealed class RowComparer(IReadOnlyList<(ColumnDefinition Column, bool Descending)> keys) : IComparer<Row>
{
    public int Compare(Row? x, Row? y)
    {
        foreach (var (column, descending) in keys)
        {
            var a = x![column];
            var b = y![column];
            var order = a is null ? (b is null ? 0 : -1) : b is null ? 1 : FilterValues.Compare(a, b);
            if (order != 0) return descending ? -order : order;
        }
        return x!.Id.CompareTo(y!.Id);
    }
}
