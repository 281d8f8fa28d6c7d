namespace D365Xero.Target.Xero.RateLimiting;

/// <summary>
/// Start times of the calls made in the last <c>window</c>: a rolling window, as Xero's older
/// limits page describes it (reference §5). Not thread-safe: <see cref="RateGate"/> holds its lock.
/// </summary>
internal sealed class SlidingWindowLog(int limit, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _starts = new();

    public int Remaining(DateTimeOffset now)
    {
        Prune(now);
        return limit - _starts.Count;
    }

    /// <summary>How long until one more call fits; zero when one fits now.</summary>
    public TimeSpan WaitFor(DateTimeOffset now)
    {
        Prune(now);
        return _starts.Count < limit ? TimeSpan.Zero : _starts.Peek() + window - now;
    }

    /// <summary>When the oldest call leaves the window, or a whole window from now when there is none.</summary>
    public DateTimeOffset NextRelease(DateTimeOffset now)
    {
        Prune(now);
        return _starts.Count > 0 ? _starts.Peek() + window : now + window;
    }

    public void Add(DateTimeOffset start) => _starts.Enqueue(start);

    private void Prune(DateTimeOffset now)
    {
        while (_starts.Count > 0 && _starts.Peek() + window <= now) _starts.Dequeue();
    }
}
