using D365Xero.Errors;

namespace D365Xero.Target.Xero.RateLimiting;

/// <summary>What a Xero call is, for the organisation's budget (<see cref="RateGate"/>).</summary>
public enum CallKind
{
    /// <summary>POST, PUT or DELETE: changes Xero.</summary>
    Write,

    /// <summary>A GET for the writes themselves or a person's command (matching, reference data, `check`): counts towards <see cref="XeroOptions.ReadShare"/>, never waits for it.</summary>
    Read,

    /// <summary>A GET made while writes wait by work that does not serve them (the round trip): refused once the day's reads reach <see cref="XeroOptions.ReadShare"/>.</summary>
    YieldingRead,
}

/// <summary>
/// Rule: docs/round-trip.md#r-read-share — while writes wait, reads take at most <see cref="XeroOptions.ReadShare"/> of the day's
/// budget (Xero allows 1,000 calls a day per organisation on the Starter tier, 5,000 otherwise: docs/xero-rules.md#x-rate-limits;
/// developer.xero.com/faq/limits). The work that knows writes are waiting (the round trip, from the journal) marks the calls it makes
/// with <see cref="YieldToWrites"/>; every GET made inside is a <see cref="CallKind.YieldingRead"/>.
/// </summary>
public static class ReadShare
{
    private static readonly AsyncLocal<bool> Yielding = new();

    /// <summary>Reads made in this async flow until the scope is disposed yield to waiting writes beyond the share.</summary>
    public static IDisposable YieldToWrites()
    {
        var before = Yielding.Value;
        Yielding.Value = true;
        return new Scope(before);
    }

    /// <summary>Whether this async flow is inside <see cref="YieldToWrites"/>.</summary>
    public static bool IsYielding => Yielding.Value;

    /// <summary>Reads that may start per rolling day while writes wait: <see cref="XeroOptions.ReadShare"/> percent of <see cref="XeroOptions.DayLimit"/>, at least one.</summary>
    public static int Limit(XeroOptions options) => Math.Max(1, options.DayLimit * options.ReadShare / 100);

    /// <summary>True when <paramref name="e"/> is the gate refusing a <see cref="CallKind.YieldingRead"/> (no call was made): the work waits, nothing failed.</summary>
    public static bool IsHeld(Exception? e) => e is RemoteApiException { InnerException: HeldMarker };

    internal static RemoteApiException Held(int limit, int share, DateTimeOffset until, DateTimeOffset now) =>
        new(XeroErrorClassifier.Service, ErrorKind.Transient,
            $"Reads have taken their share of Xero's daily call limit for this organisation ({limit} calls, Xero:ReadShare {share} %) while writes wait; " +
            $"the round trip's reads wait until the writes are done or {until:u}.",
            statusCode: null, retryAfter: until - now, inner: new HeldMarker());

    private sealed class HeldMarker : Exception;

    private sealed class Scope(bool before) : IDisposable
    {
        public void Dispose() => Yielding.Value = before;
    }
}
