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

    /// <summary>A GET of the round trip while no write waits: counts towards the share, never waits for it, and ends a hold (<see cref="RateBudget.ReadsHeldUntil"/>).</summary>
    RoundTripRead,
}

/// <summary>
/// Rule: docs/product-rules.md#p-read-share — while writes wait, reads take at most <see cref="XeroOptions.ReadShare"/> of the day's
/// budget (Xero allows 1,000 calls a day per organisation on the Starter tier, 5,000 otherwise: docs/xero-rules.md#x-rate-limits;
/// developer.xero.com/faq/limits). The work that knows whether writes are waiting (the round trip, from the journal) marks the calls
/// it makes with <see cref="RoundTrip"/>; a GET made inside is a <see cref="CallKind.YieldingRead"/> while writes wait, else a
/// <see cref="CallKind.RoundTripRead"/>.
/// </summary>
public static class ReadShare
{
    private static readonly AsyncLocal<CallKind?> Current = new();

    /// <summary>The round trip's reads in this async flow, until the scope is disposed: they yield to the writes beyond the share when <paramref name="writesWaiting"/>.</summary>
    public static IDisposable RoundTrip(bool writesWaiting)
    {
        var before = Current.Value;
        Current.Value = writesWaiting ? CallKind.YieldingRead : CallKind.RoundTripRead;
        return new Scope(before);
    }

    /// <summary>What a GET made in this async flow is: <see cref="CallKind.Read"/> outside the round trip.</summary>
    public static CallKind ReadKind => Current.Value ?? CallKind.Read;

    /// <summary>Whether this async flow's reads yield to waiting writes.</summary>
    public static bool IsYielding => ReadKind == CallKind.YieldingRead;

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

    private sealed class Scope(CallKind? before) : IDisposable
    {
        public void Dispose() => Current.Value = before;
    }
}
