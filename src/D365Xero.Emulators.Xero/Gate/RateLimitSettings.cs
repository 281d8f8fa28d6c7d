namespace D365Xero.Emulators.Xero.Gate;

/// <summary>The per-organisation limits in force; changed at run time through POST /_emulator/limits.</summary>
internal sealed record RateLimitSettings(int ConcurrentLimit, int MinuteLimit, TimeSpan MinuteWindow, int DayLimit)
{
    // Rule: [D-faq-limits] 10,000 calls a minute per app across all tenants; reference/xero-api.md §5.
    public const int AppMinuteLimit = 10_000;

    // Rule: [D-limits-old] "rolling 24 hour period"; reference/xero-api.md §5.
    public static readonly TimeSpan DayWindow = TimeSpan.FromDays(1);
}
