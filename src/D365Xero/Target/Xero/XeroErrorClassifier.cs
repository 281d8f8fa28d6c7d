using System.Globalization;
using System.Net;
using System.Text.Json;
using D365Xero.Errors;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Target.Xero;

/// <summary>
/// The one place a Xero failure becomes transient, permanent or auth (STYLE: errors are values
/// at boundaries, each handled once). Bodies are read only after the status and Content-Type say
/// what they are (docs/xero-rules.md#x-error-status-codes; developer.xero.com/documentation/api/http-response-codes).
/// </summary>
internal static class XeroErrorClassifier
{
    public const string Service = "Xero";
    public const string ReconnectHint = "Re-authorise the connection with `d365-xero connect`.";

    public static RemoteApiException Classify(XeroRequest request, XeroResponse response, string? tenantId)
    {
        var status = (int)response.Status;
        return response.Status switch
        {
            // 429 names the limit in X-Rate-Limit-Problem; 503 is maintenance, an offline
            // organisation or the legacy rate limit, handled alike (docs/xero-rules.md#x-error-status-codes; developer.xero.com/documentation/api/http-response-codes).
            HttpStatusCode.TooManyRequests => new(Service, ErrorKind.Transient,
                $"Xero's {response.RateLimitProblem ?? "rate"} limit was hit on {request.Operation}" + After(response.RetryAfter),
                status, response.RetryAfter),
            HttpStatusCode.Unauthorized => new(Service, ErrorKind.Auth,
                $"Xero refused the access token for {request.Operation} even after a refresh ({Detail(response)}): the connection was probably disconnected in Xero. {ReconnectHint}",
                status),
            // docs/xero-rules.md#x-error-problem-details; freakboy3742/pyxero#337; docs/xero-rules.md#x-tenant-header; dcblogdev/laravel-xero#40: a wrong or stale tenant id, a disconnected tenant, a missing scope, or a user without permission.
            HttpStatusCode.Forbidden => new(Service, ErrorKind.Auth,
                $"Xero forbade {request.Operation} ({Detail(response)}). Either the organisation " +
                (tenantId is null ? "(no Xero:TenantId is set)" : $"'{tenantId}'") +
                " is wrong or was disconnected (list the reachable ones with `d365-xero check`), or the connection lacks the scope " +
                $"{request.Scope}, or the Xero user is not permitted to do this. {ReconnectHint}",
                status),
            HttpStatusCode.BadRequest => new(Service, ErrorKind.Permanent, $"Xero refused {request.Operation}: {BadRequestText(response)}", status),
            // A 404 on an address naming no record (a collection, the organisation, connections) means the address itself is wrong.
            HttpStatusCode.NotFound when !NamesARecord(request.Path) => new(Service, ErrorKind.Permanent,
                $"Xero found nothing at {request.Operation} (404): Xero__ApiUrl must be the API root, https://api.xero.com, without /api.xro/2.0.", status),
            HttpStatusCode.NotFound => new(Service, ErrorKind.Permanent, $"Xero found nothing at {request.Operation} (404).", status),
            HttpStatusCode.RequestTimeout => new(Service, ErrorKind.Transient, $"Xero timed out on {request.Operation} (408).", status, response.RetryAfter),
            HttpStatusCode.NotImplemented => new(Service, ErrorKind.Permanent, $"Xero does not implement {request.Operation} (501).", status),
            _ when status >= 500 => new(Service, ErrorKind.Transient,
                $"Xero failed on {request.Operation} (HTTP {status}: {Snippet(response)})" + After(response.RetryAfter), status, response.RetryAfter),
            _ => new(Service, ErrorKind.Permanent, $"Xero refused {request.Operation} (HTTP {status}: {Snippet(response)}).", status),
        };
    }

    private static bool NamesARecord(string path) =>
        path.Split('?')[0].Split('/').Any(segment => Guid.TryParse(segment, out _));

    /// <summary>No answer at all: a network fault or a timeout. For a write the outcome is unknown, which is what the Idempotency-Key is for.</summary>
    /// <param name="url">Where it was sent, named in the message with the cause (a refused connection, an unknown host, a timeout).</param>
    public static RemoteApiException TransportFailure(string operation, Exception exception, Uri? url = null) =>
        new(Service, ErrorKind.Transient, $"No answer from Xero {(url is null ? "" : $"at {url.GetLeftPart(UriPartial.Path)} ")}for {operation}: {Cause(exception)}", inner: exception);

    /// <summary>Why a call got no answer, in the words of the socket or the clock.</summary>
    public static string Cause(Exception exception) => exception switch
    {
        OperationCanceledException or TimeoutException => "no answer within the time allowed",
        HttpRequestException { InnerException: { } inner } http when !http.Message.Contains(inner.Message, StringComparison.Ordinal) => $"{http.Message} ({inner.Message})",
        _ => exception.Message,
    };

    /// <summary>Reads <c>Retry-After</c>, which Xero sends in seconds (docs/xero-rules.md#x-rate-limit-429; XeroAPI/xero-node#634); the HTTP-date form is accepted too.</summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }

    public static string? ReadHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public static int? ReadIntHeader(HttpResponseMessage response, string name) =>
        int.TryParse(ReadHeader(response, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The 400 body, when it is Xero's JSON <c>Error</c> schema.</summary>
    public static XeroApiError? TryReadError(XeroResponse response)
    {
        if (!response.IsJson) return null;
        try
        {
            return JsonSerializer.Deserialize<XeroApiError>(response.Body, XeroJson.Options);
        }
        catch (JsonException)
        {
            return null; // Said JSON, was not: the caller falls back to the raw text.
        }
    }

    /// <summary>Xero's messages as plain sentences: "A is wrong. B is missing."</summary>
    public static string Sentences(IEnumerable<string?> messages)
    {
        var sentences = messages
            .Where(m => !string.IsNullOrWhiteSpace(m))
            .Select(m => m!.Trim())
            .Distinct(StringComparer.Ordinal)
            .Select(m => m.EndsWith('.') ? m : m + ".");
        return string.Join(" ", sentences);
    }

    public static IEnumerable<string?> ValidationMessages(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) yield break;
        foreach (var property in element.EnumerateObject())
        {
            if (!property.NameEquals("ValidationErrors") || property.Value.ValueKind != JsonValueKind.Array) continue;
            foreach (var error in property.Value.EnumerateArray())
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("Message", out var message))
                    yield return message.GetString();
        }
    }

    private static string BadRequestText(XeroResponse response)
    {
        if (TryReadError(response) is not { } error) return Snippet(response);
        // ValidationException carries the reasons per element; QueryParseException (16) and
        // NoDataProcessedException (17) only a Message (docs/xero-rules.md#x-error-validation-body; developer.xero.com/documentation/api/http-response-codes).
        var reasons = Sentences((error.Elements ?? []).SelectMany(ValidationMessages));
        var summary = Sentences([error.Message]);
        return error.Type switch
        {
            "ValidationException" when reasons.Length > 0 => reasons,
            null => summary,
            _ => $"{error.Type}: {summary}",
        };
    }

    private static string Detail(XeroResponse response)
    {
        if (response.IsJson)
        {
            try
            {
                if (JsonSerializer.Deserialize<XeroProblem>(response.Body, XeroJson.Options) is { } problem)
                    return $"{(int)response.Status} {problem.Detail ?? problem.Title}".TrimEnd();
            }
            catch (JsonException)
            {
                // Fall through to the raw text.
            }
        }
        return $"{(int)response.Status} {Snippet(response)}".TrimEnd();
    }

    private static string Snippet(XeroResponse response)
    {
        var text = response.Body.ReplaceLineEndings(" ").Trim();
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    private static string After(TimeSpan? retryAfter) =>
        retryAfter is { } wait ? $"; retry after {wait.TotalSeconds:0} s." : ".";
}
