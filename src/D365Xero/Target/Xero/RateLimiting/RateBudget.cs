namespace D365Xero.Target.Xero.RateLimiting;

/// <summary>What <c>status</c> shows of one organisation's Xero budget.</summary>
/// <param name="MinuteRemaining">Calls that may start now in the minute window: the lower of Xero's last <c>X-MinLimit-Remaining</c> (less the calls started since) and the local count.</param>
/// <param name="DayRemaining">The same for the day: Xero's <c>X-DayLimit-Remaining</c> when one has been seen, else the local count against <see cref="XeroOptions.DayLimit"/>.</param>
/// <param name="ParkedUntil">Set while the day's budget is spent: no call starts before then.</param>
/// <param name="InFlight">Calls in progress now.</param>
/// <param name="CallsMade">Calls started since this process began.</param>
/// <param name="Http429">429 answers received since this process began.</param>
/// <param name="ReadsInDay">Reads (GET) started in the last 24 hours by this process, for matching and the round trip alike.</param>
/// <param name="ReadLimit">The reads' share of the day (<see cref="XeroOptions.ReadShare"/> of <see cref="XeroOptions.DayLimit"/>): beyond it, while writes wait, the round trip's reads wait.</param>
/// <param name="ReadsHeldUntil">Set while a round-trip read was refused for the share: the round trip waits for the writes, or until then, when a read leaves the day.</param>
public sealed record RateBudget(
    int MinuteRemaining,
    int DayRemaining,
    DateTimeOffset? ParkedUntil,
    int InFlight,
    long CallsMade,
    long Http429,
    int ReadsInDay = 0,
    int ReadLimit = 0,
    DateTimeOffset? ReadsHeldUntil = null);
