using System.Globalization;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Writes a row as Web API JSON: <c>@odata.etag</c> first, the selected columns (lookups as <c>_x_value</c> with
/// their annotations), then the primary key, as in query-accounts-formatted-values.json and
/// query-accounts-lookup-annotations.json.
/// </summary>
internal sealed class RowSerializer(DataverseStore store, AnnotationFilter annotations)
{
    public JsonObject Write(TableDefinition table, Row row, IReadOnlyList<ColumnDefinition> columns, IReadOnlyList<BoundExpand> expands)
    {
        var json = new JsonObject { ["@odata.etag"] = row.ETag };
        foreach (var column in columns)
        {
            if (column == table.PrimaryId) continue;
            WriteColumn(json, table, row, column);
        }
        json[table.PrimaryIdAttribute] = row.Id.ToString("D");
        foreach (var expand in expands) WriteExpand(json, row, expand);
        return json;
    }

    /// <summary>The columns written when a request has no $select: every readable column.</summary>
    public static IReadOnlyList<ColumnDefinition> AllColumns(TableDefinition table) =>
        table.Columns.Where(c => c.IsReadable && c.IsPublished).ToList();

    /// <summary>
    /// Columns to write for a $select: selecting a money column also returns _transactioncurrencyid_value
    /// (docs/dataverse-rules.md#d-select-columns; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns).
    /// </summary>
    public static IReadOnlyList<ColumnDefinition> WithCurrency(TableDefinition table, IReadOnlyList<ColumnDefinition> selected)
    {
        if (!selected.Any(c => c.Type == ColumnType.Money)) return selected;
        var currency = table.Find("transactioncurrencyid");
        return currency is null || selected.Contains(currency) ? selected : [.. selected, currency];
    }

    private void WriteColumn(JsonObject json, TableDefinition table, Row row, ColumnDefinition column)
    {
        var value = row[column];
        if (column.IsLookup)
        {
            var reference = value as EntityRef?;
            var name = column.ReadName;
            if (reference is { } r)
            {
                if (annotations.Includes(AnnotationFilter.FormattedValue) && PrimaryName(r) is { } display)
                    json[name + "@" + AnnotationFilter.FormattedValue] = display;
                if (annotations.Includes(AnnotationFilter.AssociatedNavigationProperty))
                    json[name + "@" + AnnotationFilter.AssociatedNavigationProperty] = column.Targets.First(t => t.Table == r.Table).NavigationProperty;
                if (annotations.Includes(AnnotationFilter.LookupLogicalName))
                    json[name + "@" + AnnotationFilter.LookupLogicalName] = r.Table;
            }
            json[name] = ColumnValues.ToJson(value);
            return;
        }
        if (value is not null && annotations.Includes(AnnotationFilter.FormattedValue) && Format(table, row, column, value) is { } formatted)
            json[column.LogicalName + "@" + AnnotationFilter.FormattedValue] = formatted;
        json[column.LogicalName] = column.DateBehavior == "DateOnly" && value is DateTimeOffset date
            ? date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : ColumnValues.ToJson(value);
    }

    private void WriteExpand(JsonObject json, Row row, BoundExpand expand)
    {
        if (expand.Collection is { } collection)
        {
            var children = store[collection.ChildTable];
            var lookup = children.Definition.Find(collection.ChildLookup)!;
            var array = new JsonArray();
            foreach (var child in children.Ordered())
            {
                if (child[lookup] is EntityRef r && r.Id == row.Id && (expand.Filter is null || expand.Filter.Matches(RowResolver.For(store, children.Definition, child))))
                    array.Add(Write(children.Definition, child, expand.Columns, []));
            }
            json[expand.Navigation] = array;
            return;
        }
        var reference = row[expand.Lookup!] as EntityRef?;
        var target = reference is { } t && t.Table == expand.Target!.LogicalName ? store[t.Table].Get(t.Id) : null;
        json[expand.Navigation] = target is null ? null : Write(expand.Target!, target, expand.Columns, []);
    }

    private string? PrimaryName(EntityRef reference)
    {
        var table = store[reference.Table];
        var row = table.Get(reference.Id);
        var primary = table.Definition.Find(table.Definition.PrimaryNameAttribute);
        return row is null || primary is null ? null : row[primary] as string;
    }

    /// <summary>OData.Community.Display.V1.FormattedValue (docs/dataverse-rules.md#d-annotations; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns); en-US formats.</summary>
    private string? Format(TableDefinition table, Row row, ColumnDefinition column, object value)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (column.Type)
        {
            case ColumnType.Picklist or ColumnType.State or ColumnType.Status:
                return value is int option && column.Options.TryGetValue(option, out var label) ? label : null;
            case ColumnType.Money:
                return CurrencySymbol(table, row) + ((decimal)value).ToString("#,##0.00", culture);
            case ColumnType.Boolean:
                return (bool)value ? "Yes" : "No";
            case ColumnType.DateTime:
                return ((DateTimeOffset)value).UtcDateTime.ToString(column.DateFormat == "DateOnly" ? "M/d/yyyy" : "M/d/yyyy h:mm tt", culture);
            case ColumnType.Integer:
                return ((int)value).ToString("#,##0", culture);
            case ColumnType.Decimal:
                return ((decimal)value).ToString("#,##0.00", culture);
            default:
                return null;
        }
    }

    private string CurrencySymbol(TableDefinition table, Row row)
    {
        var lookup = table.Find("transactioncurrencyid");
        if (lookup is null || row[lookup] is not EntityRef currency) return "";
        var currencies = store["transactioncurrency"];
        var symbol = currencies.Definition.Find("currencysymbol")!;
        return currencies.Get(currency.Id)?[symbol] as string ?? "";
    }
}
