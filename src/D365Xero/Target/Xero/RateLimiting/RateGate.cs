using D365Xero.Errors;

namespace D365Xero.Target.Xero.RateLimiting;

/// <summary>
/// Xero's limits for one organisation (docs/xero-rules.md#x-rate-limits; developer.xero.com/faq/limits): at most <see cref="XeroOptions.ConcurrentLimit"/>
/// calls in flight, <see cref="XeroOptions.MinuteLimit"/> started per rolling
/// <see cref="XeroOptions.MinuteWindow"/>, <see cref="XeroOptions.DayLimit"/> per rolling day; and
/// what Xero's answers say, which is trusted over the local counts: the <c>X-*-Remaining</c>
/// headers of every response, and 429/503 with <c>Retry-After</c>, which pause the whole gate.
/// A spent daily budget parks the gate: <see cref="EnterAsync"/> then fails at once, as Transient
/// with the time left, rather than hold a call open for hours. Reads are counted apart too: a
/// <see cref="CallKind.YieldingRead"/> is refused once they reach <see cref="XeroOptions.ReadShare"/> of the day (<see cref="ReadShare"/>).
/// </summary>
/// <remarks>Share one gate between every client that calls the same organisation.</remarks>
public sealed class RateGate
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    // docs/xero-rules.md#x-rate-limit-429; XeroAPI/xero-node#634 (unverified): it is unknown whether Xero sends Retry-After for the concurrent limit.
    // Pause briefly; the retry then asks again.
    private static readonly TimeSpan UnannouncedPause = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Our minute ends this share of a window later than Xero's. Xero counts a call when it arrives; we count
    /// it from its start, and from its answer once that is in (<see cref="SlidingWindowLog.Stamp"/>), so a
    /// call still on its way is the one this margin covers. 2 % of a minute is 1.2 s; the cost is at most
    /// 2 % of the budget, and our research advised staying under ~55 a minute (an inference from docs/xero-rules.md#x-rate-limits).
    /// </summary>
    public const double ArrivalMargin = 0.02;

    /// <summary>
    /// The margin's floor: the time a call takes to arrive does not shrink with a compressed window
    /// (benchmarks run Xero's minute in a second, where 2 % is 20 ms and a busy machine's scheduling alone
    /// exceeds it: the 100,000-account benchmark drew three or four 429s a run before this floor).
    /// </summary>
    public static readonly TimeSpan MinimumArrivalMargin = TimeSpan.FromMilliseconds(250);

    /// <summary>The window we count a minute's calls over: Xero's, plus the arrival margin.</summary>
    public static TimeSpan CountingWindow(TimeSpan minute) =>
        minute + TimeSpan.FromTicks(Math.Max((long)(minute.Ticks * ArrivalMargin), MinimumArrivalMargin.Ticks));

    private readonly object _lock = new();
    private readonly SemaphoreSlim _slots;
    private readonly SlidingWindowLog _minute;
    private readonly SlidingWindowLog _day;
    private readonly SlidingWindowLog _reads;
    private readonly XeroOptions _options;
    private readonly TimeProvider _time;

    // Xero's last word on each budget, less the calls started since; null until a response says.
    private int? _serverMinuteRemaining;
    private int? _serverDayRemaining;
    private int? _serverAppMinuteRemaining;
    private DateTimeOffset? _pausedUntil;
    private DateTimeOffset? _parkedUntil;
    private DateTimeOffset? _readsHeldUntil;
    private int _inFlight;
    private long _callsMade;
    private long _http429;

    public RateGate(XeroOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _slots = new SemaphoreSlim(options.ConcurrentLimit, options.ConcurrentLimit);
        _minute = new SlidingWindowLog(options.MinuteLimit, CountingWindow(options.MinuteWindow));
        _day = new SlidingWindowLog(options.DayLimit, Day);
        _reads = new SlidingWindowLog(ReadShare.Limit(options), Day);
    }

    /// <summary>Waits until a call of <paramref name="kind"/> may start, and counts it as started. Dispose the lease when its response is in.</summary>
    /// <exception cref="RemoteApiException">
    /// Transient, with RetryAfter, while the day's budget is spent; for a <see cref="CallKind.YieldingRead"/>, also once the day's reads
    /// have reached their share (<see cref="ReadShare.IsHeld"/> recognises it), RetryAfter then saying when the oldest read leaves the day.
    /// </exception>
    public async Task<IDisposable> EnterAsync(CallKind kind, CancellationToken cancellationToken)
    {
        // A slot first: a caller queued behind the concurrency limit holds no place in the minute window.
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    var now = _time.GetUtcNow();
                    wait = WaitBeforeStart(now, kind);
                    if (wait <= TimeSpan.Zero) return new Lease(this, Start(now, kind));
                }
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Reads the budgets Xero reports on every response, and its 429/503 verdicts.</summary>
    public void Observe(HttpResponseMessage response)
    {
        var minute = XeroErrorClassifier.ReadIntHeader(response, "X-MinLimit-Remaining");
        var day = XeroErrorClassifier.ReadIntHeader(response, "X-DayLimit-Remaining");
        var appMinute = XeroErrorClassifier.ReadIntHeader(response, "X-AppMinLimit-Remaining");
        var status = (int)response.StatusCode;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (minute is { } m)
            {
                _serverMinuteRemaining = m;
                if (m <= 0) PauseUntil(_minute.NextRelease(now));
            }
            if (appMinute is { } a)
            {
                // App-wide, across every organisation (10,000 a minute): its window is not ours to know.
                _serverAppMinuteRemaining = a;
                if (a <= 0) PauseUntil(now + _options.MinuteWindow);
            }
            if (day is { } d)
            {
                _serverDayRemaining = d;
                // Xero says the day is spent but not when it resets: park, then let one call ask.
                if (d <= 0) ParkUntil(Later(_parkedUntil, now + _options.DayLimitProbeInterval));
            }
            if (status is 429 or 503) ObserveRefusal(response, status, now);
        }
    }

    /// <summary>
    /// Parks the gate until <paramref name="until"/> as an earlier process left it (its park is in the store):
    /// a new process learns of a spent day without spending a call on it.
    /// </summary>
    public void RestorePark(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until <= _time.GetUtcNow()) return;
            ParkUntil(Later(_parkedUntil, until));
            _serverDayRemaining = 0;
        }
    }

    public RateBudget Snapshot()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            return new RateBudget(
                MinuteRemaining: Math.Max(0, Math.Min(_minute.Remaining(now), _serverMinuteRemaining ?? int.MaxValue)),
                DayRemaining: Math.Max(0, Math.Min(_day.Remaining(now), _serverDayRemaining ?? int.MaxValue)),
                ParkedUntil: _parkedUntil > now ? _parkedUntil : null,
                InFlight: _inFlight,
                CallsMade: _callsMade,
                Http429: _http429,
                ReadsInDay: ReadLimit - _reads.Remaining(now),
                ReadLimit: ReadLimit,
                ReadsHeldUntil: _readsHeldUntil > now && _reads.Remaining(now) <= 0 ? _readsHeldUntil : null);
        }
    }

    private void ObserveRefusal(HttpResponseMessage response, int status, DateTimeOffset now)
    {
        if (status == 429) _http429++;
        var retryAfter = XeroErrorClassifier.ReadRetryAfter(response, now);
        // Values seen: "minute" and "day"; read case-insensitively, accept unknown ones (docs/xero-rules.md#x-rate-limit-429; XeroAPI/xero-node#634).
        var problem = XeroErrorClassifier.ReadHeader(response, "X-Rate-Limit-Problem");
        if (string.Equals(problem, "day", StringComparison.OrdinalIgnoreCase))
        {
            _serverDayRemaining = 0;
            // Retry-After is Xero's own word on when the day resets: it overrides a guessed probe time.
            ParkUntil(now + (retryAfter ?? _options.DayLimitProbeInterval));
        }
        else if (retryAfter is { } wait)
        {
            PauseUntil(now + wait);
        }
        else if (status == 429)
        {
            PauseUntil(string.Equals(problem, "minute", StringComparison.OrdinalIgnoreCase)
                ? _minute.NextRelease(now)
                : now + UnannouncedPause);
        }
        // A 503 without Retry-After is maintenance or an offline organisation, not a budget:
        // the retry's backoff handles it without stopping other calls.
    }

    private int ReadLimit => ReadShare.Limit(_options);

    private TimeSpan WaitBeforeStart(DateTimeOffset now, CallKind kind)
    {
        if (_parkedUntil is { } parked)
        {
            if (parked > now) throw Parked(parked, now);
            _parkedUntil = null;
            _serverDayRemaining = null; // Ask again: the next answer says.
        }
        if (_pausedUntil is { } paused)
        {
            if (paused > now) return paused - now;
            _pausedUntil = null;
            if (_serverMinuteRemaining <= 0) _serverMinuteRemaining = null;
            if (_serverAppMinuteRemaining <= 0) _serverAppMinuteRemaining = null;
        }
        var dayWait = _day.WaitFor(now);
        if (dayWait > TimeSpan.Zero)
        {
            ParkUntil(now + dayWait);
            throw Parked(now + dayWait, now);
        }
        if (kind == CallKind.YieldingRead && _reads.WaitFor(now) is var readWait && readWait > TimeSpan.Zero)
        {
            // Rule: docs/product-rules.md#p-read-share — while writes wait, reads keep to their share of the day; the rest is the writes'.
            _readsHeldUntil = now + readWait;
            throw ReadShare.Held(ReadLimit, _options.ReadShare, now + readWait, now);
        }
        return _minute.WaitFor(now);
    }

    private SlidingWindowLog.Stamp Start(DateTimeOffset now, CallKind kind)
    {
        var stamp = _minute.Add(now);
        _day.Add(now);
        if (kind != CallKind.Write) _reads.Add(now);
        if (kind is CallKind.YieldingRead or CallKind.RoundTripRead) _readsHeldUntil = null; // the round trip reads again
        _inFlight++;
        _callsMade++;
        // Never start a call Xero has said it will refuse: count our own starts down from its last word.
        if (_serverMinuteRemaining is { } m && (_serverMinuteRemaining = m - 1) <= 0) PauseUntil(_minute.NextRelease(now));
        if (_serverAppMinuteRemaining is { } a && (_serverAppMinuteRemaining = a - 1) <= 0) PauseUntil(now + _options.MinuteWindow);
        if (_serverDayRemaining is { } d && (_serverDayRemaining = d - 1) <= 0)
            ParkUntil(Later(_parkedUntil, now + _options.DayLimitProbeInterval));
        return stamp;
    }

    private void Release(SlidingWindowLog.Stamp stamp)
    {
        lock (_lock)
        {
            _inFlight--;
            stamp.Answered(_time.GetUtcNow());
        }
        _slots.Release();
    }

    private void PauseUntil(DateTimeOffset until) => _pausedUntil = Later(_pausedUntil, until);

    private void ParkUntil(DateTimeOffset until) => _parkedUntil = until;

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private static RemoteApiException Parked(DateTimeOffset until, DateTimeOffset now) =>
        new(XeroErrorClassifier.Service, ErrorKind.Transient,
            $"Xero's daily call limit for this organisation is spent; no call starts before {until:u}.",
            statusCode: null, retryAfter: until - now);

    private sealed class Lease(RateGate gate, SlidingWindowLog.Stamp stamp) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release(stamp);
        }
    }
}
