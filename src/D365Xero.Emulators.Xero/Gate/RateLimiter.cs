namespace D365Xero.Emulators.Xero.Gate;

/// <summary>
/// Xero's per-organisation limits: calls in flight, calls per rolling minute and per rolling day.
/// Rule: [D-faq-limits] 5 concurrent / 60 a minute / 5,000 a day, 429 with X-Rate-Limit-Problem and
/// Retry-After in seconds (xero-node#634, pyxero#293); docs/xero-rules.md#x-rate-limit-429.
/// </summary>
internal sealed class RateLimiter(TimeProvider time, RateLimitSettings initial)
{
    private readonly object _sync = new();
    private readonly Queue<DateTimeOffset> _minute = new();
    private readonly Queue<DateTimeOffset> _day = new();
    private RateLimitSettings _settings = initial;
    private int _inFlight;

    public int InFlight
    {
        get { lock (_sync) return _inFlight; }
    }

    public void Configure(RateLimitSettings settings)
    {
        lock (_sync) _settings = settings;
    }

    public void Reset()
    {
        lock (_sync)
        {
            _minute.Clear();
            _day.Clear();
        }
    }

    /// <summary>Admits a call (the caller must <see cref="Leave"/>) or says which limit it broke.</summary>
    public RateDecision TryEnter()
    {
        lock (_sync)
        {
            var now = time.GetUtcNow();
            Expire(now);
            string? problem = null;
            int retryAfter = 1;
            if (_day.Count >= _settings.DayLimit)
                (problem, retryAfter) = ("day", SecondsUntil(_day.Peek() + RateLimitSettings.DayWindow, now));
            else if (_minute.Count >= _settings.MinuteLimit)
                (problem, retryAfter) = ("minute", SecondsUntil(_minute.Peek() + _settings.MinuteWindow, now));
            // Rule: [D-faq-limits] concurrent breaches are 429 too; whether Retry-After is sent is unverified (docs/xero-rules.md#x-rate-limit-429; XeroAPI/xero-node#634), so send 1.
            else if (_inFlight >= _settings.ConcurrentLimit)
                problem = "concurrent";

            if (problem is null)
            {
                _inFlight++;
                _minute.Enqueue(now);
                _day.Enqueue(now);
            }
            return Decision(problem is null, problem, retryAfter);
        }
    }

    /// <summary>The remaining counts without taking a call, for responses that never reach the limiter.</summary>
    public RateDecision Peek()
    {
        lock (_sync)
        {
            Expire(time.GetUtcNow());
            return Decision(true, null, 0);
        }
    }

    public void Leave()
    {
        lock (_sync) _inFlight--;
    }

    private RateDecision Decision(bool admitted, string? problem, int retryAfter) => new(
        admitted, problem, retryAfter,
        Math.Max(0, _settings.MinuteLimit - _minute.Count),
        Math.Max(0, _settings.DayLimit - _day.Count),
        // One app, one organisation here: the app's minute count is the organisation's.
        Math.Max(0, RateLimitSettings.AppMinuteLimit - _minute.Count));

    private void Expire(DateTimeOffset now)
    {
        while (_minute.Count > 0 && _minute.Peek() + _settings.MinuteWindow <= now) _minute.Dequeue();
        while (_day.Count > 0 && _day.Peek() + RateLimitSettings.DayWindow <= now) _day.Dequeue();
    }

    private static int SecondsUntil(DateTimeOffset when, DateTimeOffset now) =>
        Math.Max(1, (int)Math.Ceiling((when - now).TotalSeconds));
}
