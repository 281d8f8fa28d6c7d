using System.Net;
using System.Text.Json;
using D365Xero.Errors;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Target.Xero;

/// <summary>Reading a success body: only after checking it says it is JSON (docs/xero-rules.md#x-error-body-not-json; developer.xero.com/documentation/api/http-response-codes).</summary>
internal static class XeroEnvelope
{
    /// <summary>The named collection and the pagination of an answer; none for 404 and 304.</summary>
    public static (IReadOnlyList<T> Items, XeroPagination? Pagination) ReadList<T>(XeroResponse response, string collection, string operation)
    {
        if (response.Status is HttpStatusCode.NotFound or HttpStatusCode.NotModified) return ([], null);
        var envelope = Deserialize<Dictionary<string, JsonElement>>(response, operation) ?? [];
        var comparer = StringComparer.OrdinalIgnoreCase;
        var items = envelope.FirstOrDefault(p => comparer.Equals(p.Key, collection)).Value;
        var pagination = envelope.FirstOrDefault(p => comparer.Equals(p.Key, "pagination")).Value;
        try
        {
            return (
                items.ValueKind == JsonValueKind.Array ? items.Deserialize<List<T>>(XeroJson.Options) ?? [] : [],
                pagination.ValueKind == JsonValueKind.Object ? pagination.Deserialize<XeroPagination>(XeroJson.Options) : null);
        }
        catch (JsonException ex)
        {
            throw Unreadable(operation, ex);
        }
    }

    /// <summary>Parses a success body, after checking it says it is JSON (docs/xero-rules.md#x-error-body-not-json; developer.xero.com/documentation/api/http-response-codes).</summary>
    public static T? Deserialize<T>(XeroResponse response, string operation)
    {
        if (!response.IsJson)
            throw Unreadable(operation, new JsonException($"Content-Type is {response.MediaType ?? "missing"}, not JSON."));
        try
        {
            return JsonSerializer.Deserialize<T>(response.Body, XeroJson.Options);
        }
        catch (JsonException ex)
        {
            throw Unreadable(operation, ex);
        }
    }

    // A success we cannot read is an unknown outcome: for a write, the caller must look before resending.
    private static RemoteApiException Unreadable(string operation, Exception ex) =>
        new(XeroErrorClassifier.Service, ErrorKind.Transient, $"Xero's answer to {operation} could not be read: {ex.Message}", inner: ex);
}
