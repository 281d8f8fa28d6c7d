using System.Net;
using System.Text;

namespace D365Xero.Tests.Source.Dataverse.Fakes;

/// <summary>
/// A scripted Dataverse and Entra: token requests get <see cref="TokenResponder"/>; other requests are
/// answered by the next scripted response, else by <see cref="Router"/>; anything unexpected fails the test.
/// </summary>
internal sealed class FakeDataverse : HttpMessageHandler
{
    public const string OrgUrl = "https://contoso.crm.dynamics.com";
    public const string ApiRoot = OrgUrl + "/api/data/v9.2/";
    public const string TokenHost = "login.microsoftonline.com";

    private readonly object _gate = new();
    private readonly Queue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<RecordedRequest> _tokenRequests = [];
    private int _tokensIssued;

    public Func<RecordedRequest, HttpResponseMessage>? Router { get; set; }

    /// <summary>Default: a fresh one-hour token per request, named token-1, token-2, …</summary>
    public Func<RecordedRequest, Task<HttpResponseMessage>> TokenResponder { get; set; }

    public FakeDataverse() =>
        TokenResponder = _ => Task.FromResult(Token($"token-{Interlocked.Increment(ref _tokensIssued)}", 3600));

    public IReadOnlyList<RecordedRequest> Requests { get { lock (_gate) return _requests.ToList(); } }
    public IReadOnlyList<RecordedRequest> TokenRequests { get { lock (_gate) return _tokenRequests.ToList(); } }

    public FakeDataverse Enqueue(Func<RecordedRequest, HttpResponseMessage> respond)
    {
        lock (_gate) _script.Enqueue((r, _) => Task.FromResult(respond(r)));
        return this;
    }

    /// <summary>A request that never gets an answer; <paramref name="entered"/> completes when it arrives.</summary>
    public FakeDataverse EnqueueHang(TaskCompletionSource entered)
    {
        lock (_gate) _script.Enqueue(async (_, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    public FakeDataverse Enqueue(HttpStatusCode status, string? body = null, params (string Name, string Value)[] headers) =>
        Enqueue(_ => Response(status, body, headers));

    public FakeDataverse Enqueue(string sampleBody) => Enqueue(HttpStatusCode.OK, sampleBody);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = await RecordedRequest.FromAsync(request);
        if (recorded.Uri.Host == TokenHost)
        {
            // Only token requests (POST …/oauth2/v2.0/token) count: MSAL may first ask the authority's instance
            // discovery (a GET), once per process, so counting it would depend on which test ran first.
            if (request.Method == HttpMethod.Post) lock (_gate) _tokenRequests.Add(recorded);
            return await TokenResponder(recorded);
        }

        Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>? next;
        lock (_gate)
        {
            _requests.Add(recorded);
            next = _script.Count > 0 ? _script.Dequeue() : null;
        }
        if (next is not null) return await next(recorded, cancellationToken);
        return Router?.Invoke(recorded) ?? throw new InvalidOperationException($"Unexpected request {recorded.Method} {recorded.Relative}");
    }

    public static HttpResponseMessage Response(HttpStatusCode status, string? body = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        if (body is not null) response.Content = new StringContent(body, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    /// <summary>204 with the new row's address, as Dataverse answers a create (docs/dataverse-rules.md#d-create-response; learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api).</summary>
    public static HttpResponseMessage Created(string entitySet, Guid id) =>
        Response(HttpStatusCode.NoContent, null, ("OData-EntityId", $"{ApiRoot}{entitySet}({id})"));

    public static HttpResponseMessage Token(string accessToken, int expiresIn) =>
        Response(HttpStatusCode.OK, $$"""{"token_type":"Bearer","expires_in":{{expiresIn}},"ext_expires_in":{{expiresIn}},"access_token":"{{accessToken}}"}""");
}
