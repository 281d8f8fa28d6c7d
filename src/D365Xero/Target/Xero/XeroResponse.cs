using System.Net;

namespace D365Xero.Target.Xero;

/// <summary>What the client keeps of an HTTP response: the body is read whole, the message disposed.</summary>
internal sealed record XeroResponse(HttpStatusCode Status, string Body, string? MediaType, TimeSpan? RetryAfter, string? RateLimitProblem)
{
    /// <summary>The body as bytes, when the request asked for a media type other than JSON (a PDF); <see cref="Body"/> is then empty.</summary>
    public byte[]? Bytes { get; init; }

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>Bodies are parsed only when they say they are JSON: maintenance pages and OAuth errors are not (docs/xero-rules.md#x-error-body-not-json; developer.xero.com/documentation/api/http-response-codes).</summary>
    public bool IsJson => MediaType is not null && MediaType.Contains("json", StringComparison.OrdinalIgnoreCase);
}
