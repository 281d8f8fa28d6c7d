using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace D365Xero.Target.Xero;

/// <summary>
/// Reads Xero's Microsoft-format dates, <c>/Date(1439434356790)/</c> or <c>/Date(1419937200000+0000)/</c>
/// (milliseconds since the epoch, UTC; the offset only says how to display it, docs/xero-rules.md#x-json-dates; developer.xero.com/documentation/api/requests-and-responses),
/// and ISO-8601, which some fields and <c>/connections</c> use. Writes ISO-8601.
/// </summary>
internal sealed class XeroDateConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A Xero date was null.");
        return Parse(text);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("O", CultureInfo.InvariantCulture));

    public static DateTimeOffset Parse(string text)
    {
        if (text.StartsWith("/Date(", StringComparison.Ordinal) && text.EndsWith(")/", StringComparison.Ordinal))
        {
            var inner = text.AsSpan(6, text.Length - 8);
            // The sign of an offset may follow the milliseconds; the milliseconds themselves may be negative.
            var end = 1;
            while (end < inner.Length && char.IsAsciiDigit(inner[end])) end++;
            if (long.TryParse(inner[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
                return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var iso))
        {
            return iso;
        }
        throw new JsonException($"'{text}' is not a date Xero sends.");
    }
}
