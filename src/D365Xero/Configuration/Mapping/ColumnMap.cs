namespace D365Xero.Configuration.Mapping;

/// <summary>
/// A value taken from a Dynamics column (<c>table.column</c>: <c>product.parentproductid</c>,
/// <c>salesorder.new_region</c>, <c>salesorderdetail.new_costcentre</c>), translated by <see cref="Values"/>.
/// An option set or lookup is matched by its label (its formatted value); other columns by their text.
/// </summary>
public class ColumnMap
{
    /// <summary><c>table.column</c>; the table is <c>salesorder</c>, <c>salesorderdetail</c> or <c>product</c>.</summary>
    public string? Column { get; set; }

    /// <summary>Dynamics value (label or text, any case) → Xero value. Empty: the Dynamics value is sent as it is.</summary>
    public Dictionary<string, string> Values { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The table and column, or null when <see cref="Column"/> is not of the form <c>table.column</c>.</summary>
    public (string Table, string Column)? Source =>
        Column?.Split('.') is [{ Length: > 0 } table, { Length: > 0 } column] ? (table.Trim().ToLowerInvariant(), column.Trim().ToLowerInvariant()) : null;

    /// <summary>The Xero value for a Dynamics value: translated when there is a table, else as it is; null when unmatched or empty.</summary>
    public string? Translate(string? dynamicsValue)
    {
        if (string.IsNullOrWhiteSpace(dynamicsValue)) return null;
        if (Values.Count == 0) return dynamicsValue.Trim();
        return Values.TryGetValue(dynamicsValue.Trim(), out var xero) ? xero : null;
    }
}
