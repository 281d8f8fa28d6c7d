using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace D365Xero.Errors;

/// <summary>
/// One connection's circuit breaker for one service, Polly's (https://www.pollydocs.org/strategies/circuit-breaker):
/// <see cref="OutageSettings.Failures"/> calls in a row that failed through no fault of a row (5xx, 408,
/// timeouts, refused connections, unknown hosts) open it. While open no call reaches the service (each is
/// refused at once, <see cref="IsOutage"/>), and after a growing interval one call is let through as a
/// probe; its success closes it. <see cref="Outage"/> is what `status` shows meanwhile.
/// </summary>
public sealed class ServiceBreaker
{
    private static readonly ResiliencePropertyKey<object?> OwnerKey = new("outage.owner");
    private static readonly AsyncLocal<object?> CurrentOwner = new();

    private readonly object _lock = new();
    private readonly OutageSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private ServiceOutage? _outage;
    private object? _tripper;
    private volatile bool _answered;

    public ServiceBreaker(string service, string url, OutageSettings settings, TimeProvider time, ILogger log)
    {
        Service = service;
        Url = url;
        _settings = settings;
        _time = time;
        _log = log;
    }

    /// <summary>"Xero" or "Dataverse".</summary>
    public string Service { get; }

    /// <summary>The service's address, as configured.</summary>
    public string Url { get; }

    /// <summary>Set while the circuit is open or a probe is on its way; null while the service answers.</summary>
    public ServiceOutage? Outage
    {
        get { lock (_lock) return _outage; }
    }

    /// <summary>
    /// True once the service has answered a call in this process. Until then a refused connection or an unknown
    /// host is taken for a wrong address, not an outage: it is not retried (<see cref="IsUnreachable"/>).
    /// </summary>
    public bool HasAnswered => _answered;

    /// <summary>True when the circuit is open and its next probe may go now.</summary>
    public bool ProbeDue => Outage is { } outage && _time.GetUtcNow() >= outage.NextProbeAt;

    /// <summary>Marks the calls this async flow makes from here on as <paramref name="owner"/>'s (one batch's).</summary>
    public static void Own(object? owner) => CurrentOwner.Value = owner;

    /// <summary>Stamps a call's context with the batch it is made for, so the breaker can tell who opened it.</summary>
    public static void Stamp(ResilienceContext context) => context.Properties.Set(OwnerKey, CurrentOwner.Value);

    /// <summary>
    /// True when the circuit is open and the failing calls of <paramref name="owner"/> were what opened it
    /// from closed. Such a batch counts an attempt (a row that always fails is recognised as long as the
    /// service otherwise answers the probe); every other batch caught by the outage does not.
    /// </summary>
    public bool OpenedBy(object owner)
    {
        lock (_lock) return _outage is not null && ReferenceEquals(_tripper, owner);
    }

    /// <summary>Failures that are the service's, not a row's: no answer, 5xx, 408, or a call refused by an open circuit.</summary>
    public static bool IsOutage(Exception? e) => e switch
    {
        BrokenCircuitException or HttpRequestException or TimeoutRejectedException or TimeoutException => true,
        RemoteApiException { Kind: ErrorKind.Transient } failure => failure.StatusCode is >= 500 or 408
            || failure.InnerException is OperationCanceledException || IsOutage(failure.InnerException),
        _ => false,
    };

    /// <summary>Nothing listens at the address, or the host name is unknown: the connection itself failed.</summary>
    public static bool IsUnreachable(Exception? e) => e switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
        null => false,
        _ => IsUnreachable(e.InnerException),
    };

    /// <summary>The breaker as a pipeline; build it once per breaker and run every call of the service through it.</summary>
    /// <param name="isOutage">Whether an outcome is the service failing (see <see cref="IsOutage"/>).</param>
    /// <param name="describe">The outcome in a few words for <see cref="ServiceOutage.LastAnswer"/>.</param>
    public ResiliencePipeline<T> Pipeline<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(Func<Outcome<T>, ResilienceContext, bool> isOutage, Func<Outcome<T>, ResilienceContext, string> describe) =>
        new ResiliencePipelineBuilder<T> { TimeProvider = _time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<T>
            {
                // Every call in the window failed, and at least this many: failures in a row, not a share of them.
                FailureRatio = 1.0,
                MinimumThroughput = _settings.Failures,
                SamplingDuration = TimeSpan.FromMinutes(1),
                BreakDurationGenerator = args => ValueTask.FromResult(_settings.ProbeInterval(args.HalfOpenAttempts)),
                ShouldHandle = args =>
                {
                    var failed = isOutage(args.Outcome, args.Context);
                    if (!failed) _answered = true;
                    return ValueTask.FromResult(failed);
                },
                OnOpened = args =>
                {
                    Opened(describe(args.Outcome, args.Context), args.BreakDuration, args.Context.Properties.GetValue(OwnerKey, null));
                    return default;
                },
                OnClosed = _ =>
                {
                    Closed();
                    return default;
                },
            })
            .Build();

    /// <summary>A call the open circuit refused, as the exception every caller already handles (Transient).</summary>
    public RemoteApiException Refused(BrokenCircuitException refusal)
    {
        var outage = Outage;
        var text = outage is null ? $"{Service} is unavailable (a probe is on its way)" : outage.Describe();
        return new RemoteApiException(Service, ErrorKind.Transient, $"{text}; nothing was sent.",
            retryAfter: outage is null ? null : Positive(outage.NextProbeAt - _time.GetUtcNow()), inner: refusal);
    }

    private void Opened(string answer, TimeSpan breakFor, object? owner)
    {
        var now = _time.GetUtcNow();
        ServiceOutage outage;
        bool first;
        lock (_lock)
        {
            first = _outage is null;
            // A failed probe leaves the outage's start where it was; nobody's batch opened it this time.
            outage = _outage = new ServiceOutage(Service, Url, _outage?.Since ?? now, answer, now + breakFor);
            _tripper = first ? owner : null;
        }
        if (first) _log.LogWarning("{Outage}. Nothing is sent to {Service} meanwhile and no row counts an attempt.", outage.Describe(), Service);
        else _log.LogWarning("{Outage}.", outage.Describe());
    }

    private void Closed()
    {
        ServiceOutage? was;
        lock (_lock)
        {
            was = _outage;
            _outage = null;
            _tripper = null;
        }
        if (was is not null)
            _log.LogWarning("{Service} answers again after {Duration:g} unavailable; work resumes.", Service, _time.GetUtcNow() - was.Since);
    }

    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;
}
