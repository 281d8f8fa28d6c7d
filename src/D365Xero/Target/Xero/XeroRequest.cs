namespace D365Xero.Target.Xero;

/// <summary>
/// One logical call, rebuilt into a fresh <see cref="HttpRequestMessage"/> for each attempt.
/// Made only through the factories, so a POST or PUT cannot exist without its Idempotency-Key.
/// </summary>
internal sealed record XeroRequest
{
    /// <summary>The Accounting API under <see cref="XeroOptions.ApiUrl"/>.</summary>
    public const string AccountingRoot = "api.xro/2.0/";

    private XeroRequest(HttpMethod method, string path, string operation, string scope)
    {
        Method = method;
        Path = path;
        Operation = operation;
        Scope = scope;
    }

    public HttpMethod Method { get; }
    /// <summary>Relative to <see cref="XeroOptions.ApiUrl"/>, already escaped, e.g. <c>api.xro/2.0/Contacts?page=1</c>.</summary>
    public string Path { get; }
    /// <summary>What the call is for, in counts and messages: <c>POST Contacts</c>.</summary>
    public string Operation { get; }
    /// <summary>The scope Xero wants for it, named when Xero answers 403.</summary>
    public string Scope { get; }
    public string? JsonBody { get; private init; }
    public string? IdempotencyKey { get; private init; }
    public DateTimeOffset? IfModifiedSince { get; init; }
    /// <summary>404 is an answer ("no such record"), not an error.</summary>
    public bool NotFoundIsAnswer { get; init; }
    /// <summary>A 400 ValidationException is returned for the caller to match per element (batch writes).</summary>
    public bool ValidationErrorIsAnswer { get; init; }
    /// <summary>Accounting calls go through the organisation's rate gate and carry xero-tenant-id; <c>/connections</c> does neither.</summary>
    public bool IsAccounting { get; private init; } = true;

    /// <summary>A media type other than JSON to ask for (the invoice PDF); its body is kept as bytes in <see cref="XeroResponse.Bytes"/>.</summary>
    public string? Accept { get; init; }

    public bool IsWrite => IdempotencyKey is not null;

    /// <summary>
    /// What the call is for the organisation's budget: POST, PUT and DELETE are writes, a GET is a read; a read made inside
    /// <see cref="RateLimiting.ReadShare.RoundTrip"/> is the round trip's, which yields to waiting writes beyond the share.
    /// </summary>
    public RateLimiting.CallKind Kind => Method != HttpMethod.Get ? RateLimiting.CallKind.Write : RateLimiting.ReadShare.ReadKind;

    public static XeroRequest Get(string path, string operation, string scope) => new(HttpMethod.Get, path, operation, scope);

    public static XeroRequest Delete(string path, string operation, string scope) => new(HttpMethod.Delete, path, operation, scope);

    public static XeroRequest Write(HttpMethod method, string path, string jsonBody, string idempotencyKey, string operation, string scope)
    {
        if (method != HttpMethod.Post && method != HttpMethod.Put)
            throw new ArgumentException("Only POST and PUT carry a body and an Idempotency-Key.", nameof(method));
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        return new(method, path, operation, scope) { JsonBody = jsonBody, IdempotencyKey = idempotencyKey };
    }

    /// <summary><c>GET {ApiUrl}/connections</c>: per token, not per organisation (docs/xero-rules.md#x-connections-per-token; XeroAPI/Xero-OpenAPI#585).</summary>
    public static XeroRequest Connections() => new(HttpMethod.Get, "connections", "GET connections", "any") { IsAccounting = false };
}
