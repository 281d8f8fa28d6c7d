using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.Tests.Source.Dataverse.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports each timer created, so a test can wait until the
/// client is really waiting (e.g. for Retry-After) before it moves the clock. No test sleeps.
/// </summary>
internal sealed class ObservedClock : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();
    public override long GetTimestamp() => _fake.GetTimestamp();
    public override long TimestampFrequency => _fake.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>Returns once a timer due in <paramref name="due"/> exists (ten real seconds at most, as a guard).</summary>
    public async Task WaitForTimerAsync(TimeSpan due)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _timers.Reader.ReadAsync(guard.Token) != due) { }
    }
}
