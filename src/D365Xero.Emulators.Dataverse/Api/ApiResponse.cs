using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>A Web API answer: status, headers and an optional JSON (or multipart) body.</summary>
internal sealed class ApiResponse
{
    /// <summary>Dataverse writes characters such as ' and &amp; unescaped.</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int Status { get; init; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Body { get; init; }
    public string ContentType { get; init; } = "application/json; odata.metadata=minimal";

    public static ApiResponse Ok(JsonNode body, int status = 200) => new() { Status = status, Body = body.ToJsonString(Json) };

    public static ApiResponse NoContent() => new() { Status = 204 };

    /// <summary>The error body shape of every sample in tests/fixtures/dataverse/error-*.json.</summary>
    public static ApiResponse Error(DataverseException e)
    {
        var error = new JsonObject { ["code"] = e.Code, ["message"] = e.Message };
        if (e.InnerType is not null) error["innererror"] = new JsonObject { ["message"] = e.Message, ["type"] = e.InnerType };
        var response = new ApiResponse { Status = e.Status, Body = new JsonObject { ["error"] = error }.ToJsonString(Json) };
        if (e.RetryAfterSeconds is { } retry) response.Headers["Retry-After"] = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response;
    }

    public ApiResponse With(string header, string value)
    {
        Headers[header] = value;
        return this;
    }
}
