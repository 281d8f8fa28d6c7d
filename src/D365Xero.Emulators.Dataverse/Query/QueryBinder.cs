namespace D365Xero.Emulators.Dataverse;

/// <summary>Binds $select, $expand, $filter and $orderby names to a table, with Dataverse's errors for unknown names.</summary>
internal static class QueryBinder
{
    /// <summary>Unknown $select names: error-400-select-could-not-find-property-named.json.</summary>
    public static IReadOnlyList<ColumnDefinition> Select(TableDefinition table, IReadOnlyList<string>? select)
    {
        if (select is null) return RowSerializer.AllColumns(table);
        var columns = new List<ColumnDefinition>();
        foreach (var name in select)
        {
            var column = table.FindByReadName(name) ?? throw Errors.UnknownQueryProperty(table, name);
            if (!columns.Contains(column)) columns.Add(column);
        }
        return RowSerializer.WithCurrency(table, columns);
    }

    public static FilterNode? Filter(DataverseStore store, TableDefinition table, string? filter)
    {
        if (filter is null) return null;
        var node = FilterParser.Parse(filter);
        foreach (var path in node.Paths()) RowResolver.Validate(store, table, path);
        return node;
    }

    /// <summary>Lookups expand by their navigation property (e.g. parentcustomerid_account); order_details by its collection.</summary>
    public static IReadOnlyList<BoundExpand> Expand(DataverseStore store, TableDefinition table, IReadOnlyList<ExpandOption> expand)
    {
        var bound = new List<BoundExpand>();
        foreach (var item in expand)
        {
            if (table.FindNavigation(item.Navigation) is { } nav)
            {
                var target = store.Schema[nav.Target.Table];
                bound.Add(new BoundExpand(item.Navigation, nav.Column, target, null, Select(target, item.Select), null));
            }
            else if (table.FindCollection(item.Navigation) is { } collection)
            {
                var child = store.Schema[collection.ChildTable];
                bound.Add(new BoundExpand(item.Navigation, null, null, collection, Select(child, item.Select), Filter(store, child, item.Filter)));
            }
            else
            {
                throw Errors.UnknownQueryProperty(table, item.Navigation);
            }
        }
        return bound;
    }

    public static IReadOnlyList<(ColumnDefinition Column, bool Descending)> OrderBy(TableDefinition table, IReadOnlyList<OrderByOption> order) =>
        order.Select(o => (table.FindByReadName(o.Property) ?? throw Errors.UnknownQueryProperty(table, o.Property), o.Descending)).ToList();

    /// <summary>The <c>(a,b,nav(c))</c> part of an @odata.context URL.</summary>
    public static string ContextSelect(IReadOnlyList<string>? select, IReadOnlyList<ExpandOption> expand)
    {
        var parts = new List<string>(select ?? []);
        parts.AddRange(expand.Select(e => e.Navigation + "(" + string.Join(",", e.Select ?? []) + ")"));
        return parts.Count == 0 ? "" : "(" + string.Join(",", parts) + ")";
    }
}
