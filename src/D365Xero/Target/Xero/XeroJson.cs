using System.Text.Json;
using System.Text.Json.Serialization;

namespace D365Xero.Target.Xero;

/// <summary>The one set of JSON rules for Xero bodies.</summary>
internal static class XeroJson
{
    /// <summary>
    /// PascalCase as the models declare it (Xero's own casing), nulls omitted so an update never
    /// blanks a field we do not map, names read case-insensitively (<c>/connections</c> is camelCase,
    /// reference §8.2) and Xero's <c>/Date(…)/</c> dates parsed (reference §7.2).
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new XeroDateConverter() },
    };
}
