using System.Net;
using System.Text.Json.Nodes;

namespace D365Xero.Source.Dataverse;

/// <summary>When a request may be sent again.</summary>
internal enum RetryMode
{
    /// <summary>GETs and idempotent writes (PATCH with <c>If-Match: *</c>, UpdateMultiple, PublishXml):
    /// retried on 429, 5xx, timeouts and network faults.</summary>
    Idempotent,

    /// <summary>Creates: retried only on 429, which service protection returns before running anything
    /// (docs/dataverse-rules.md#d-service-protection; learn.microsoft.com/power-apps/developer/data-platform/api-limits). A create that timed out is found by the caller's next "find, else create".</summary>
    ThrottleOnly,
}

/// <summary>One logical call; the transport turns it into as many HTTP attempts as needed.</summary>
internal sealed record DataverseRequest(HttpMethod Method, Uri Uri, string Operation)
{
    public JsonNode? Body { get; init; }
    public RetryMode Retry { get; init; } = RetryMode.Idempotent;

    /// <summary><c>Prefer</c> preferences, comma-joined into one header (docs/dataverse-rules.md#d-prefer-header; learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors: track-changes and
    /// maxpagesize combine that way).</summary>
    public IReadOnlyList<string> Prefer { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Failure statuses handed back to the caller instead of thrown (404 on a PATCH, a chunk's 400).</summary>
    public IReadOnlySet<HttpStatusCode> Tolerated { get; init; } = new HashSet<HttpStatusCode>();

    /// <summary>Set on change-tracking reads: an expired token becomes <see cref="DeltaTokenExpiredException"/>.</summary>
    public string? DeltaEntitySet { get; init; }

    /// <summary>For messages: the method and path, without the query (which can be long).</summary>
    public string Describe() => $"{Operation} ({Method} {Uri.AbsolutePath})";
}
