using Microsoft.Extensions.Time.Testing;

namespace D365Xero.ReliabilityTests.Support;

/// <summary>
/// Minutes of an outage in seconds of test: the connector runs on a <see cref="FakeTimeProvider"/> that this
/// moves on by <c>step</c> every few real milliseconds (backoffs, probes and polls fire as the clock passes
/// them), while the emulators answer over real HTTP as usual.
/// </summary>
public static class ClockDriver
{
    /// <summary>Moves the clock on until <paramref name="done"/> says so, or <paramref name="cap"/> of fake time has passed; returns the fake time taken.</summary>
    public static async Task<TimeSpan> RunAsync(FakeTimeProvider time, Func<Task<bool>> done, TimeSpan cap, TimeSpan? step = null, Action? eachStep = null)
    {
        var start = time.GetUtcNow();
        var tick = step ?? TimeSpan.FromSeconds(1);
        var n = 0;
        while (time.GetUtcNow() - start < cap)
        {
            await Task.Delay(5);
            time.Advance(tick);
            eachStep?.Invoke();
            if (++n % 10 == 0 && await done()) break;
        }
        return time.GetUtcNow() - start;
    }
}
