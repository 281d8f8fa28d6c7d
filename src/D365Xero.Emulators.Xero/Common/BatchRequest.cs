using System.Text.Json;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Xero.Common;

/// <summary>Reads the array inside a write body's wrapper, e.g. {"Contacts":[…]}. Rule: [SPEC] request bodies; docs/xero-rules.md#x-batch-wrapper; github.com/XeroAPI/Xero-OpenAPI (xero_accounting.yaml).</summary>
internal static class BatchRequest
{
    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The elements, or null when the body is not JSON or lacks the wrapper (Xero answers NoDataProcessedException).</summary>
    public static List<T>? Read<T>(string body, string wrapper)
    {
        try
        {
            if (JsonNode.Parse(body, CaseInsensitive) is not JsonObject root) return null;
            if (root[wrapper] is not JsonArray array) return null;
            return array.Deserialize<List<T>>(XeroJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Xero summarises errors unless the caller appends summarizeErrors=false. Rule: [SPEC]/[D-codes] docs/xero-rules.md#x-batch-summarize-errors; XeroAPI/xero-ruby#247.</summary>
    public static bool SummarizeErrors(HttpRequest request) =>
        !string.Equals(request.Query["summarizeErrors"], "false", StringComparison.OrdinalIgnoreCase);
}
