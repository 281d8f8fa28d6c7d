using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace D365Xero.Emulators.Xero.Common;

/// <summary>Xero's JSON: PascalCase names as declared, nulls left out, names matched case-insensitively on input.</summary>
internal static class XeroJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>A deep copy, so stored state is never shared with a response being written.</summary>
    public static T Clone<T>(T value) => Deserialize<T>(Serialize(value))!;
}
