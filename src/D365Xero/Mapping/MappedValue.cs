using System.Text.Json.Nodes;

namespace D365Xero.Mapping;

/// <summary>
/// A mapped column's value as a person reads it: an option set's or lookup's label (its formatted value,
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns#formatted-values), else its text.
/// </summary>
public static class MappedValue
{
    private const string Formatted = "@OData.Community.Display.V1.FormattedValue";

    public static string? Of(JsonObject? row, string column)
    {
        if (row is null) return null;
        foreach (var name in new[] { column, $"_{column}_value" })
        {
            if (row[name + Formatted] is JsonValue label && label.TryGetValue<string>(out var text)) return text;
            if (row[name] is JsonValue value) return value.TryGetValue<string>(out var s) ? s : value.ToJsonString();
        }
        return null;
    }

    /// <summary>A column's own value as text (a date or an amount as Dataverse stores it, not its formatted label); null when absent.</summary>
    public static string? Raw(JsonObject? row, string column) =>
        row?[column] is JsonValue value ? value.TryGetValue<string>(out var s) ? s : value.ToJsonString() : null;
}
