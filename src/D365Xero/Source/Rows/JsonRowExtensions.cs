using System.Globalization;
using System.Text.Json.Nodes;

namespace D365Xero.Source.Rows;

/// <summary>Typed reads of a Web API row (<c>JsonObject</c>), tolerant of missing columns.</summary>
internal static class JsonRowExtensions
{
    public static string? Text(this JsonObject row, string column) =>
        row[column] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static Guid? Id(this JsonObject row, string column) =>
        Guid.TryParse(row.Text(column), out var g) ? g : null;

    public static int? Int(this JsonObject row, string column) =>
        row[column] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    public static decimal? Money(this JsonObject row, string column) => row[column] switch
    {
        JsonValue v when v.TryGetValue<decimal>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static bool? Flag(this JsonObject row, string column) =>
        row[column] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static DateTimeOffset? Date(this JsonObject row, string column) =>
        DateTimeOffset.TryParse(row.Text(column), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    /// <summary>A lookup read as <c>_x_value</c>, with the table it points at (for polymorphic lookups).</summary>
    public static EntityRef? Lookup(this JsonObject row, string column)
    {
        var id = row.Id($"_{column}_value");
        if (id is null) return null;
        var table = row.Text($"_{column}_value@Microsoft.Dynamics.CRM.lookuplogicalname");
        return new EntityRef(table, id.Value);
    }
}
