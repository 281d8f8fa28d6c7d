namespace D365Xero.Target.Xero.RateLimiting;

/// <summary>
/// The calls made in the last <c>window</c>: a rolling window, as Xero's older limits page describes it
/// (docs/xero-rules.md#x-rate-limit-windows; developer.xero.com/documentation/auth-and-limits/xero-api-limits). A call is stamped when it starts and stamped again when its answer comes back
/// (<see cref="Stamp.Answered"/>): Xero counted it somewhere in between, so the later time is the safe
/// one to count it from, however long the call took to leave this process or to arrive.
/// Not thread-safe: <see cref="RateGate"/> holds its lock.
/// </summary>
internal sealed class SlidingWindowLog(int limit, TimeSpan window)
{
    // Oldest first by start. An answered stamp may move later than the ones behind it; the front then
    // leaves the window later than it might, which only ever errs on the side of waiting.
    private readonly Queue<Stamp> _calls = new();

    public int Remaining(DateTimeOffset now)
    {
        Prune(now);
        return limit - _calls.Count;
    }

    /// <summary>How long until one more call fits; zero when one fits now.</summary>
    /// <remarks>A log counted beyond its limit (reads that did not wait for their share) frees a place only once enough have left.</remarks>
    public TimeSpan WaitFor(DateTimeOffset now)
    {
        Prune(now);
        if (_calls.Count < limit) return TimeSpan.Zero;
        var leaving = _calls.Count == limit ? _calls.Peek() : _calls.ElementAt(_calls.Count - limit);
        return leaving.At + window - now;
    }

    /// <summary>When the oldest call leaves the window, or a whole window from now when there is none.</summary>
    public DateTimeOffset NextRelease(DateTimeOffset now)
    {
        Prune(now);
        return _calls.Count > 0 ? _calls.Peek().At + window : now + window;
    }

    public Stamp Add(DateTimeOffset start)
    {
        var stamp = new Stamp { At = start };
        _calls.Enqueue(stamp);
        return stamp;
    }

    private void Prune(DateTimeOffset now)
    {
        while (_calls.Count > 0 && _calls.Peek().At + window <= now) _calls.Dequeue();
    }

    public sealed class Stamp
    {
        public DateTimeOffset At { get; set; }

        /// <summary>The answer came back at <paramref name="now"/>: count the call from then.</summary>
        public void Answered(DateTimeOffset now)
        {
            if (now > At) At = now;
        }
    }
}
