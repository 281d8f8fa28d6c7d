using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Errors;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// Reads Dataverse's <c>{"error":{"code","message"}}</c> body and classes the failure (docs/dataverse-rules.md#d-status-codes; learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors:
/// codes): 429 and 5xx transient; 401 after a refresh and 403 (privilege) auth; other 4xx permanent.
/// </summary>
internal static class DataverseErrorBody
{
    /// <summary>The message Dataverse gave, or the raw body when it is not that JSON shape (the 429 body
    /// in the samples, for one, is not valid JSON as published).</summary>
    public static string Message(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject o && o["error"] is JsonObject error)
            {
                var message = error["message"]?.GetValue<string>();
                var code = error["code"]?.GetValue<string>();
                if (!string.IsNullOrWhiteSpace(message))
                    return string.IsNullOrEmpty(code) || code == "0x0" ? message : $"{message} (code {code})";
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: fall through to the raw text.
        }
        var flat = string.Join(' ', body.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Length == 0 ? "(no body)" : flat.Length > 500 ? flat[..500] + "…" : flat;
    }

    public static RemoteApiException Classify(HttpStatusCode status, string message, string what, TimeSpan? retryAfter)
    {
        var code = (int)status;
        var text = $"Dataverse {what} failed with {code}: {message}";
        var kind = status switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => ErrorKind.Transient,
            _ when code >= 500 => ErrorKind.Transient,
            HttpStatusCode.Unauthorized => ErrorKind.Auth,
            HttpStatusCode.Forbidden => ErrorKind.Auth,
            _ => ErrorKind.Permanent,
        };
        if (status == HttpStatusCode.Unauthorized)
            text += ". The token was refreshed and still refused: check that an application user for Dataverse:ClientId exists in the environment at Dataverse:Url and is enabled";
        else if (status == HttpStatusCode.Forbidden)
            text += ". Give the application user's security role the privilege named above (https://learn.microsoft.com/power-platform/admin/security-roles-privileges)";
        return new RemoteApiException("Dataverse", kind, text, code, retryAfter);
    }
}
