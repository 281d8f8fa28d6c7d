using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Xero.Tests.Support;

/// <summary>A response read whole: status, headers, text and (when JSON) the parsed body.</summary>
public sealed record Reply(HttpStatusCode Status, HttpResponseMessage Response, string Text, JsonNode? Body)
{
    public static async Task<Reply> From(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            if (text.Length > 0) body = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            body = null;
        }
        return new Reply(response.StatusCode, response, text, body);
    }

    public string? Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()
        : Response.Content.Headers.TryGetValues(name, out var content) ? content.FirstOrDefault() : null;

    /// <summary>Every ValidationErrors message anywhere in a 400 ValidationException or a summarizeErrors=false body.</summary>
    public List<string> Messages()
    {
        var list = Body?["Elements"]?.AsArray() ?? Body?.AsObject().Select(p => p.Value).OfType<JsonArray>().FirstOrDefault() ?? [];
        return list.SelectMany(e => e?["ValidationErrors"]?.AsArray() ?? []).Select(v => v!["Message"]!.GetValue<string>()).ToList();
    }
}
