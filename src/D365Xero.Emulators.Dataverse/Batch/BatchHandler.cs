using System.Text;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// <c>POST $batch</c> (docs/dataverse-rules.md#d-batch; learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api): parts run in order and answer in order; a change set is atomic and
/// may reference earlier parts' results as <c>$n</c>; GET is not allowed in a change set. Without
/// <c>Prefer: odata.continue-on-error</c> the batch stops at the first failure; the response shape follows
/// batch-response-changeset-400-unknown-property-and-404-unknown-segment.txt. The batch answers 200 either way.
/// </summary>
internal sealed class BatchHandler(EmulatorContext ctx, WebApiDispatcher dispatcher)
{
    // docs/dataverse-rules.md#d-batch; learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api.
    private const int MaxRequests = 1000;

    public ApiResponse Handle(ApiRequest request)
    {
        var boundary = MultipartReader.Boundary(request.Header("Content-Type")) ?? throw Errors.BadRequest("The $batch request must be multipart/mixed with a boundary.");
        var continueOnError = PreferHeader.Parse(request.Header("Prefer")).ContinueOnError;
        var parts = MultipartReader.Read(request.Body, boundary);
        if (parts.Count > MaxRequests) throw Errors.BadRequest($"The number of requests in a batch exceeded the limit of {MaxRequests}.");
        var responseBoundary = "batchresponse_" + Guid.NewGuid();
        var output = new StringBuilder();
        foreach (var part in parts)
        {
            bool failed;
            var changesetBoundary = MultipartReader.Boundary(part.ContentType);
            if (changesetBoundary is not null) failed = RunChangeset(part, changesetBoundary, output, responseBoundary);
            else
            {
                var response = dispatcher.Dispatch(ParseRequest(part.Content, null));
                output.Append("--").Append(responseBoundary).Append("\r\n");
                AppendHttp(output, response, null);
                failed = response.Status >= 400;
            }
            if (failed && !continueOnError) break;
        }
        output.Append("--").Append(responseBoundary).Append("--\r\n");
        return new ApiResponse { Status = 200, Body = output.ToString(), ContentType = $"multipart/mixed; boundary={responseBoundary}" };
    }

    private bool RunChangeset(MultipartPart part, string boundary, StringBuilder output, string responseBoundary)
    {
        var changesetResponse = "changesetresponse_" + Guid.NewGuid();
        var results = new List<(string? ContentId, ApiResponse Response)>();
        var entityIds = new Dictionary<string, string>();
        var failed = false;
        using (var unit = ctx.Store.Begin())
        {
            foreach (var inner in MultipartReader.Read(part.Content, boundary))
            {
                var contentId = inner.Headers.GetValueOrDefault("Content-ID");
                var request = ParseRequest(inner.Content, entityIds);
                var response = request.Method == "GET"
                    ? ApiResponse.Error(Errors.BadRequest("GET requests are not allowed in a change set."))
                    : dispatcher.Dispatch(request);
                if (response.Status >= 400)
                {
                    // The change set rolls back; only the failing request is answered (sample file, Content-ID kept).
                    results = [(contentId, response)];
                    failed = true;
                    break;
                }
                if (contentId is not null && response.Headers.TryGetValue("OData-EntityId", out var entityId)) entityIds["$" + contentId] = entityId;
                results.Add((contentId, response));
            }
            if (!failed) unit.Commit();
        }
        output.Append("--").Append(responseBoundary).Append("\r\n");
        output.Append("Content-Type: multipart/mixed; boundary=").Append(changesetResponse).Append("\r\n\r\n");
        foreach (var (contentId, response) in results)
        {
            output.Append("--").Append(changesetResponse).Append("\r\n");
            AppendHttp(output, response, contentId);
        }
        output.Append("--").Append(changesetResponse).Append("--\r\n");
        return failed;
    }

    /// <summary>Reads an application/http part: request line, headers, blank line, body.</summary>
    private ApiRequest ParseRequest(string content, Dictionary<string, string>? entityIds)
    {
        var http = content.TrimStart('\n');
        var newline = http.IndexOf('\n');
        var requestLine = (newline < 0 ? http : http[..newline]).Trim();
        var (headers, body) = MultipartReader.ReadHeaders(newline < 0 ? "" : http[(newline + 1)..]);
        var pieces = requestLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (pieces.Length < 2) throw Errors.BadRequest("A batch part has no request line.");
        var target = pieces[1];
        if (entityIds is not null && target.StartsWith('$'))
        {
            var slash = target.IndexOf('/');
            var reference = slash < 0 ? target : target[..slash];
            if (entityIds.TryGetValue(reference, out var resolved)) target = resolved + (slash < 0 ? "" : target[slash..]);
        }
        var path = target;
        var api = path.IndexOf("/api/data/", StringComparison.OrdinalIgnoreCase);
        if (api >= 0)
        {
            path = path[(api + "/api/data/".Length)..];
            path = path[(path.IndexOf('/') + 1)..];
        }
        var question = path.IndexOf('?');
        return new ApiRequest
        {
            Method = pieces[0].ToUpperInvariant(),
            Path = question < 0 ? path.TrimStart('/') : path[..question].TrimStart('/'),
            Query = question < 0 ? "" : path[question..],
            Headers = headers,
            Body = body.TrimEnd('\n'),
        };
    }

    private static void AppendHttp(StringBuilder output, ApiResponse response, string? contentId)
    {
        output.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId is not null) output.Append("Content-ID: ").Append(contentId).Append("\r\n");
        output.Append("\r\n");
        output.Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(ReasonPhrase(response.Status)).Append("\r\n");
        foreach (var (name, value) in response.Headers) output.Append(name).Append(": ").Append(value).Append("\r\n");
        if (response.Body is not null) output.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
        output.Append("OData-Version: 4.0\r\n\r\n");
        if (response.Body is not null) output.Append(response.Body).Append("\r\n");
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
