using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>Conversions between stored values and Web API JSON (docs/dataverse-rules.md#d-response-shape; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns).</summary>
internal static class ColumnValues
{
    private static readonly object[] SmallInts = Enumerable.Range(0, 11).Select(i => (object)i).ToArray();

    public static object BoxInt(int value) => value is >= 0 and <= 10 ? SmallInts[value] : value;

    /// <summary>Money is stored with four decimals, which is how it is read back (e.g. <c>20000.0000</c>).</summary>
    public static decimal Money(decimal value) => decimal.Round(value, 4) + 0.0000m;

    /// <summary>ISO-8601 UTC with seconds, e.g. <c>2023-04-07T21:59:01Z</c>.</summary>
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        decimal d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        Guid g => JsonValue.Create(g.ToString("D")),
        EntityRef r => JsonValue.Create(r.Id.ToString("D")),
        DateTimeOffset t => JsonValue.Create(Date(t)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>Converts a written JSON value to the column's stored type, validating length and choice range.</summary>
    public static object? FromJson(TableDefinition table, ColumnDefinition column, JsonNode? node)
    {
        if (node is null) return null;
        if (node is not JsonValue value) throw Errors.WrongType(column, node.ToJsonString());
        var kind = value.GetValueKind();
        try
        {
            switch (column.Type)
            {
                case ColumnType.String or ColumnType.Memo or ColumnType.EntityName:
                    if (kind != JsonValueKind.String) throw Errors.WrongType(column, node.ToJsonString());
                    var text = value.GetValue<string>();
                    if (column.MaxLength > 0 && text.Length > column.MaxLength) throw Errors.TooLong(table, column);
                    return text;
                case ColumnType.Integer:
                    return BoxInt(RequireNumber(column, value, kind) is var n && n == decimal.Truncate(n) ? (int)n : throw Errors.WrongType(column, node.ToJsonString()));
                case ColumnType.BigInt:
                    return (long)RequireNumber(column, value, kind);
                case ColumnType.Decimal:
                    return RequireNumber(column, value, kind);
                case ColumnType.Money:
                    return Money(RequireNumber(column, value, kind));
                case ColumnType.Picklist or ColumnType.State or ColumnType.Status:
                    var option = (int)RequireNumber(column, value, kind);
                    if (column.Options.Count > 0 && !column.Options.ContainsKey(option)) throw Errors.OptionOutOfRange(table, column, option);
                    return BoxInt(option);
                case ColumnType.Boolean:
                    if (kind is not (JsonValueKind.True or JsonValueKind.False)) throw Errors.WrongType(column, node.ToJsonString());
                    return value.GetValue<bool>();
                case ColumnType.DateTime:
                    if (kind != JsonValueKind.String || !DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                        throw Errors.WrongType(column, node.ToJsonString());
                    return new DateTimeOffset(date.UtcDateTime.AddTicks(-(date.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), TimeSpan.Zero);
                case ColumnType.Uniqueidentifier:
                    if (kind != JsonValueKind.String || !Guid.TryParse(value.GetValue<string>(), out var guid)) throw Errors.WrongType(column, node.ToJsonString());
                    return guid;
                default:
                    throw Errors.WrongType(column, node.ToJsonString());
            }
        }
        catch (FormatException)
        {
            throw Errors.WrongType(column, node.ToJsonString());
        }
    }

    private static decimal RequireNumber(ColumnDefinition column, JsonValue value, JsonValueKind kind) =>
        kind == JsonValueKind.Number ? value.GetValue<decimal>() : throw Errors.WrongType(column, value.ToJsonString());
}
