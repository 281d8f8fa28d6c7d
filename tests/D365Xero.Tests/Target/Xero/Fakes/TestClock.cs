using Microsoft.Extensions.Time.Testing;

namespace D365Xero.Tests.Target.Xero.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records every delay the code under test schedules, so a
/// test can wait until the code is waiting, check for how long, and then advance: no test sleeps.
/// </summary>
internal sealed class TestClock() : FakeTimeProvider(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero))
{
    private readonly object _lock = new();
    private readonly List<TimeSpan> _delays = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyList<TimeSpan> Delays
    {
        get { lock (_lock) return _delays.ToList(); }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_lock)
            {
                _delays.Add(dueTime);
                foreach (var waiter in _waiters.Where(w => _delays.Count >= w.Count)) waiter.Done.TrySetResult();
            }
        }
        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> delays have been scheduled in all.</summary>
    public Task WaitForDelaysAsync(int count)
    {
        lock (_lock)
        {
            if (_delays.Count >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(Timeouts.Guard);
        }
    }
}
