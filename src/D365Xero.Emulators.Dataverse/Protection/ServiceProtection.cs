namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Service protection limits (docs/dataverse-rules.md#d-service-protection; learn.microsoft.com/power-apps/developer/data-platform/api-limits): requests per user over a sliding window and concurrent requests
/// per user; both answer 429 with Retry-After in seconds. The concurrency limit fails at once.
/// </summary>
internal sealed class ServiceProtection(DataverseEmulatorOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Admits a request or throws the 429; on success the caller must call <see cref="Release"/>.</summary>
    public void Enter(string user)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var window = _requests.TryGetValue(user, out var q) ? q : _requests[user] = new Queue<DateTimeOffset>();
            while (window.Count > 0 && now - window.Peek() >= options.ThrottleWindow) window.Dequeue();
            if (window.Count >= options.RequestsPerWindow)
            {
                var retry = (int)Math.Ceiling((window.Peek() + options.ThrottleWindow - now).TotalSeconds);
                throw RequestLimitError(Math.Max(1, retry));
            }
            var inFlight = _inFlight.GetValueOrDefault(user);
            if (inFlight >= options.ConcurrentLimit) throw Errors.TooManyConcurrent(options.ConcurrentLimit, 1);
            window.Enqueue(now);
            _inFlight[user] = inFlight + 1;
        }
    }

    public void Release(string user)
    {
        lock (_gate) _inFlight[user] = Math.Max(0, _inFlight.GetValueOrDefault(user) - 1);
    }

    public DataverseException RequestLimitError(int retryAfterSeconds) =>
        Errors.TooManyRequests(options.RequestsPerWindow, (int)options.ThrottleWindow.TotalSeconds, retryAfterSeconds);
}
