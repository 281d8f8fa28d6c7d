using System.Net;
using System.Net.Http.Headers;
using System.Text;
using D365Xero.Errors;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// Sends one <see cref="DataverseRequest"/>: standard headers and bearer token on every attempt, one
/// token refresh on 401, retries on throttling and faults (all waits on <see cref="TimeProvider"/>),
/// a cap on requests in flight, a count per operation, and a classed error at the end.
/// </summary>
internal sealed class DataverseTransport
{
    private static readonly ResiliencePropertyKey<DataverseRequest> RequestKey = new("dataverse.request");

    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly DataverseCallCounter _counter;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _inFlight;
    private readonly ResiliencePipeline<HttpResponseMessage> _idempotent;
    private readonly ResiliencePipeline<HttpResponseMessage> _throttleOnly;
    private readonly ResiliencePipeline<HttpResponseMessage>? _guard;

    public DataverseTransport(HttpClient http, IAccessTokenSource tokens, DataverseOptions options,
        TimeProvider time, DataverseCallCounter counter, ILogger logger, ServiceBreaker? breaker = null)
    {
        _http = http;
        _tokens = tokens;
        _counter = counter;
        _logger = logger;
        Breaker = breaker;
        _inFlight = new SemaphoreSlim(Math.Clamp(options.MaxParallelism, 1, 52));
        // One breaker under both retry pipelines: every attempt counts towards opening it, and an open one ends the retries.
        _guard = breaker?.Pipeline<HttpResponseMessage>(IsOutage, Describe);
        _idempotent = BuildPipeline(options, time, RetryMode.Idempotent);
        _throttleOnly = BuildPipeline(options, time, RetryMode.ThrottleOnly);
    }

    /// <summary>This connection's circuit breaker for Dataverse; null when the client was made without one.</summary>
    public ServiceBreaker? Breaker { get; }

    /// <summary>The response when it succeeded or its status is tolerated; otherwise throws
    /// <see cref="RemoteApiException"/> (or <see cref="DeltaTokenExpiredException"/>). The caller disposes it.</summary>
    public async Task<HttpResponseMessage> SendAsync(DataverseRequest request, CancellationToken cancellationToken)
    {
        var pipeline = request.Retry == RetryMode.Idempotent ? _idempotent : _throttleOnly;
        HttpResponseMessage response;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        ServiceBreaker.Stamp(context);
        try
        {
            response = await pipeline.ExecuteAsync(static (ctx, self) => self.GuardedAttemptAsync(ctx), context, this).ConfigureAwait(false);
        }
        catch (BrokenCircuitException refused)
        {
            throw Breaker!.Refused(refused);
        }
        catch (Exception e) when (IsFault(e, cancellationToken))
        {
            throw new RemoteApiException("Dataverse", ErrorKind.Transient,
                $"Dataverse {request.Describe()} at {request.Uri.GetLeftPart(UriPartial.Authority)} did not answer after retries: {Cause(e)}", inner: e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (response.IsSuccessStatusCode || request.Tolerated.Contains(response.StatusCode)) return response;

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw DataverseErrorBody.Classify(response.StatusCode, DataverseErrorBody.Message(body), request.Describe(), RetryAfter(response));
        }
    }

    private ValueTask<HttpResponseMessage> GuardedAttemptAsync(ResilienceContext context) => _guard is null
        ? AttemptAsync(context)
        : _guard.ExecuteAsync(static (ctx, self) => self.AttemptAsync(ctx), context, this);

    private ValueTask<HttpResponseMessage> AttemptAsync(ResilienceContext context) =>
        AttemptAsync(context.Properties.GetValue(RequestKey, null!), context.CancellationToken);

    private async ValueTask<HttpResponseMessage> AttemptAsync(DataverseRequest request, CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            var response = await SendOnceAsync(request, token, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // The token may have been revoked or expired early: drop it and try once with a new one.
                response.Dispose();
                _tokens.Invalidate(token);
                token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
                response = await SendOnceAsync(request, token, cancellationToken).ConfigureAwait(false);
            }

            if (request.DeltaEntitySet is { } entitySet && (int)response.StatusCode >= 400)
            {
                // docs/dataverse-rules.md#d-change-tracking-expiry; MicrosoftDocs/powerapps-docs#3845: the status for an expired token is unverified, so the text decides, whatever
                // the status; checked here so a 5xx carrying it is not retried in vain.
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (body.Contains(DeltaTokenExpiredException.ExpiredText, StringComparison.OrdinalIgnoreCase))
                {
                    response.Dispose();
                    throw new DeltaTokenExpiredException(entitySet, DataverseErrorBody.Message(body));
                }
            }
            return response;
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(DataverseRequest request, string token, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Uri);
        // docs/dataverse-rules.md#d-request-headers; learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors: headers for every request.
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        message.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        message.Headers.TryAddWithoutValidation("If-None-Match", "null");
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request.Prefer.Count > 0)
            message.Headers.TryAddWithoutValidation("Prefer", string.Join(',', request.Prefer));
        foreach (var (name, value) in request.Headers)
            message.Headers.TryAddWithoutValidation(name, value);
        if (request.Body is not null)
            message.Content = new StringContent(request.Body.ToJsonString(), Encoding.UTF8, "application/json");

        _counter.Increment(request.Operation);
        return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(DataverseOptions options, TimeProvider time, RetryMode mode)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Clamp(options.MaxRetryAttempts, 1, 10),
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromMinutes(5),
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, mode, args.Context.CancellationToken)),
                // docs/dataverse-rules.md#d-service-protection; learn.microsoft.com/power-apps/developer/data-platform/api-limits: wait at least Retry-After when Dataverse sends it; otherwise exponential backoff.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? RetryAfter(r) : null),
                OnRetry = args =>
                {
                    _logger.LogWarning("Dataverse call failed ({Outcome}); retry {Attempt} in {Delay}",
                        Describe(args.Outcome, args.Context), args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }
        builder.AddTimeout(options.RequestTimeout);
        return builder.Build();
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, RetryMode mode, CancellationToken callerToken)
    {
        // Dataverse is unavailable: no more calls until the probe says it answers again. A refused connection or an
        // unknown host before Dataverse ever answered is a wrong address until proven otherwise: said at once.
        if (Breaker?.Outage is not null) return false;
        if (Breaker is { HasAnswered: false } && ServiceBreaker.IsUnreachable(outcome.Exception)) return false;
        if (outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            return status == 429 || (mode == RetryMode.Idempotent && (status >= 500 || status == 408));
        }
        return outcome.Exception switch
        {
            // Token endpoint hiccup: nothing reached Dataverse yet, so any request may try again.
            RemoteApiException { Kind: ErrorKind.Transient } => true,
            { } e => mode == RetryMode.Idempotent && IsFault(e, callerToken),
            null => false,
        };
    }

    private static bool IsFault(Exception e, CancellationToken callerToken) => e switch
    {
        HttpRequestException or TimeoutRejectedException => true,
        RemoteApiException { Kind: ErrorKind.Transient } => false, // already classed (token endpoint); not wrapped again
        OperationCanceledException => !callerToken.IsCancellationRequested, // HttpClient.Timeout
        _ => false,
    };

    /// <summary>A failed call's outcome for the log and the outage line: its status or why there was no answer, and where it went.</summary>
    private static string Describe(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var request = context.Properties.GetValue(RequestKey, null!);
        var what = $"{request.Method} {request.Uri.GetLeftPart(UriPartial.Path)}";
        return outcome.Result is { } r ? $"HTTP {(int)r.StatusCode} from {what}" : $"no answer from {what}: {Cause(outcome.Exception)}";
    }

    private static string Cause(Exception? e) => e switch
    {
        TimeoutRejectedException or OperationCanceledException => "no answer within the time allowed",
        RemoteApiException or null => e?.Message ?? "unknown",
        HttpRequestException { InnerException: { } inner } http when !http.Message.Contains(inner.Message, StringComparison.Ordinal) => $"{http.Message} ({inner.Message})",
        _ => e.Message,
    };

    /// <summary>A 5xx or 408, no answer at all, or the token endpoint unreachable: the service's failure, not a row's.</summary>
    private static bool IsOutage(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome switch
    {
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        { Exception: OperationCanceledException } => !context.CancellationToken.IsCancellationRequested, // HttpClient.Timeout
        _ => ServiceBreaker.IsOutage(outcome.Exception),
    };

    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date && response.Headers.Date is { } now) return date - now > TimeSpan.Zero ? date - now : TimeSpan.Zero;
        return null;
    }
}
