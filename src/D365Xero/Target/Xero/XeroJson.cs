using System.Text.Json;
using System.Text.Json.Serialization;

namespace D365Xero.Target.Xero;

/// <summary>The one set of JSON rules for Xero bodies.</summary>
internal static class XeroJson
{
    /// <summary>
    /// PascalCase as the models declare it (Xero's own casing), nulls omitted so an update never
    /// blanks a field we do not map, names read case-insensitively (<c>/connections</c> is camelCase,
    /// docs/xero-rules.md#x-connections-per-token; XeroAPI/Xero-OpenAPI#585) and Xero's <c>/Date(…)/</c> dates parsed (docs/xero-rules.md#x-json-dates; developer.xero.com/documentation/api/requests-and-responses).
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new XeroDateConverter() },
    };
}
