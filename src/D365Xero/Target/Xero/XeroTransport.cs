using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using D365Xero.Errors;
using D365Xero.Target.Xero.Auth;
using D365Xero.Target.Xero.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace D365Xero.Target.Xero;

/// <summary>
/// Sends one <see cref="XeroRequest"/>: retries, rate gate, token, tenant header, then classes the
/// answer. Everything a Xero call goes through, in one place.
/// </summary>
internal sealed class XeroTransport
{
    private static readonly ResiliencePropertyKey<XeroRequest> RequestKey = new("xero.request");
    private static readonly ResiliencePropertyKey<DateTimeOffset> FirstAttemptKey = new("xero.first-attempt");

    private readonly HttpClient _http;
    private readonly XeroOptions _options;
    private readonly IXeroTokenSource _tokens;
    private readonly RateGate _gate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _apiRoot;
    private readonly ResiliencePipeline _retry;
    private readonly ServiceBreaker? _breaker;
    private readonly ResiliencePipeline<XeroResponse>? _guard;
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);

    public XeroTransport(HttpClient http, XeroOptions options, IXeroTokenSource tokens, RateGate gate, TimeProvider time, ILogger logger, ServiceBreaker? breaker = null)
    {
        _http = http;
        _options = options;
        _tokens = tokens;
        _gate = gate;
        _time = time;
        _logger = logger;
        _apiRoot = XeroTokenEndpoint.WithSlash(options.ApiUrl);
        _retry = BuildRetry();
        _breaker = breaker;
        // Inside the retries: each attempt counts towards opening the circuit, and an open circuit ends the retries.
        _guard = breaker?.Pipeline<XeroResponse>(static (o, _) => ServiceBreaker.IsOutage(o.Exception), static (o, _) => o.Exception?.Message.TrimEnd('.') ?? "no answer");
    }

    /// <summary>This connection's circuit breaker for Xero; null when the client was made without one.</summary>
    public ServiceBreaker? Breaker => _breaker;

    /// <summary>HTTP requests sent, by operation (<c>POST Contacts</c>): every one counts against Xero's limits, retries included.</summary>
    public IReadOnlyDictionary<string, long> CallsMade => new Dictionary<string, long>(_calls);

    private readonly Dictionary<string, long> _taken = new(StringComparer.Ordinal);

    /// <summary>The calls made since the last take, by operation (none: empty), for a caller that adds them up elsewhere.</summary>
    public IReadOnlyDictionary<string, long> TakeCallsSinceLastTake()
    {
        lock (_taken)
        {
            var since = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (operation, count) in _calls)
            {
                var spent = count - _taken.GetValueOrDefault(operation);
                if (spent <= 0) continue;
                since[operation] = spent;
                _taken[operation] = count;
            }
            return since;
        }
    }

    /// <summary>
    /// The answer when it is a success, or one of the answers the request said it expects
    /// (404, a 400 ValidationException); otherwise a classed <see cref="RemoteApiException"/>.
    /// </summary>
    public async Task<XeroResponse> SendAsync(XeroRequest request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        context.Properties.Set(FirstAttemptKey, _time.GetUtcNow());
        ServiceBreaker.Stamp(context);
        try
        {
            return await _retry.ExecuteAsync(static (ctx, transport) => transport.GuardedAttemptAsync(ctx), context, this).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<XeroResponse> GuardedAttemptAsync(ResilienceContext context)
    {
        if (_guard is null) return await AttemptAsync(context).ConfigureAwait(false);
        try
        {
            return await _guard.ExecuteAsync(static (ctx, transport) => transport.AttemptAsync(ctx), context, this).ConfigureAwait(false);
        }
        catch (BrokenCircuitException refused)
        {
            throw _breaker!.Refused(refused);
        }
    }

    private ValueTask<XeroResponse> AttemptAsync(ResilienceContext ctx) =>
        AttemptAsync(ctx.Properties.GetValue(RequestKey, null!), ctx.Properties.GetValue(FirstAttemptKey, default), ctx.CancellationToken);

    private async ValueTask<XeroResponse> AttemptAsync(XeroRequest request, DateTimeOffset firstAttempt, CancellationToken cancellationToken)
    {
        if (request.IsWrite && _time.GetUtcNow() - firstAttempt >= _options.IdempotencyWindow)
            throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Transient,
                $"{request.Operation} was not sent again: {_options.IdempotencyWindow.TotalMinutes:0} minutes have passed since its first attempt, " +
                "and Xero forgets an Idempotency-Key 6 minutes after it (https://developer.xero.com/documentation/guides/idempotent-requests/idempotency). Look the records up by their natural keys before sending them again.");

        var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        var response = await SendOnceAsync(request, token, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.Unauthorized)
        {
            // The token expired or was revoked under us (docs/xero-rules.md#x-error-problem-details; freakboy3742/pyxero#337): refresh once and send
            // once more, with the same Idempotency-Key (a 401 was not processed).
            _logger.LogInformation("Xero answered 401 to {Operation}; refreshing the access token and sending once more.", request.Operation);
            _tokens.Invalidate(token);
            token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            response = await SendOnceAsync(request, token, cancellationToken).ConfigureAwait(false);
        }

        if (response.IsSuccess
            || (response.Status == HttpStatusCode.NotFound && request.NotFoundIsAnswer)
            || (response.Status == HttpStatusCode.NotModified && request.IfModifiedSince is not null)
            || (response.Status == HttpStatusCode.BadRequest && request.ValidationErrorIsAnswer
                && XeroErrorClassifier.TryReadError(response) is { Type: "ValidationException", Elements.Count: > 0 }))
            return response;
        throw XeroErrorClassifier.Classify(request, response, TenantId(token));
    }

    private async Task<XeroResponse> SendOnceAsync(XeroRequest request, XeroAccessToken token, CancellationToken cancellationToken)
    {
        using var lease = request.IsAccounting ? await _gate.EnterAsync(request.Kind, cancellationToken).ConfigureAwait(false) : null;
        using var message = Build(request, token);
        _calls.AddOrUpdate(request.Operation, 1, static (_, n) => n + 1);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A network fault, or HttpClient's own timeout (not our caller cancelling).
            throw XeroErrorClassifier.TransportFailure(request.Operation, ex, message.RequestUri);
        }

        using (response)
        {
            if (request.IsAccounting) _gate.Observe(response);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            // A document asked for (the PDF) comes back as bytes; an error is still Xero's JSON or text.
            var bytes = request.Accept is { } accept && response.IsSuccessStatusCode && string.Equals(mediaType, accept, StringComparison.OrdinalIgnoreCase)
                ? await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)
                : null;
            var body = bytes is null ? await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) : "";
            return new XeroResponse(
                response.StatusCode,
                body,
                mediaType,
                XeroErrorClassifier.ReadRetryAfter(response, _time.GetUtcNow()),
                XeroErrorClassifier.ReadHeader(response, "X-Rate-Limit-Problem")) { Bytes = bytes };
        }
    }

    private HttpRequestMessage Build(XeroRequest request, XeroAccessToken token)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(_apiRoot, request.Path));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.Accept ?? "application/json"));
        // Every Accounting call names the organisation, unless a Custom Connection, which reaches only one (docs/xero-rules.md#x-tenant-header; dcblogdev/laravel-xero#40; docs/xero-rules.md#x-custom-connection; developer.xero.com/faq/custom-integration).
        if (request.IsAccounting && TenantId(token) is { } tenant) message.Headers.Add("xero-tenant-id", tenant);
        if (request.IdempotencyKey is { } key) message.Headers.Add("Idempotency-Key", key);
        if (request.IfModifiedSince is { } since) message.Headers.IfModifiedSince = since;
        if (request.JsonBody is { } body) message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return message;
    }

    private string? TenantId(XeroAccessToken token) => _options.TenantId is { Length: > 0 } configured ? configured : token.TenantId;

    private ResiliencePipeline BuildRetry()
    {
        if (_options.MaxRetryAttempts == 0) return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome.Exception)),
                // Xero's Retry-After wins over the backoff (docs/xero-rules.md#x-rate-limit-429; XeroAPI/xero-node#634); null falls back to the backoff.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is RemoteApiException { RetryAfter: { } wait } ? wait : (TimeSpan?)null),
                OnRetry = args =>
                {
                    _logger.LogWarning("Retrying {Operation} in {Delay} (attempt {Attempt}): {Reason}",
                        args.Context.Properties.GetValue(RequestKey, null!).Operation, args.RetryDelay, args.AttemptNumber + 2,
                        args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private bool ShouldRetry(ResilienceContext context, Exception? exception)
    {
        if (exception is not RemoteApiException { Kind: ErrorKind.Transient } failure) return false;
        // Xero is unavailable: no more calls until the probe says it answers again. A refused connection or an
        // unknown host before Xero ever answered is a wrong address until proven otherwise: said at once.
        if (_breaker?.Outage is not null) return false;
        if (_breaker is { HasAnswered: false } && ServiceBreaker.IsUnreachable(exception)) return false;
        // A long Retry-After (a spent day) goes back to the caller to reschedule, not held here.
        var wait = failure.RetryAfter ?? TimeSpan.Zero;
        if (wait > _options.MaxRetryAfter) return false;
        var request = context.Properties.GetValue(RequestKey, null!);
        if (!request.IsWrite) return true; // GET and DELETE are safe to repeat.
        // A write is resent only with its key, and only while Xero still remembers the key.
        var elapsed = _time.GetUtcNow() - context.Properties.GetValue(FirstAttemptKey, default);
        return elapsed + wait < _options.IdempotencyWindow;
    }
}
