namespace D365Xero.Emulators.Xero.Gate;

/// <summary>The per-organisation limits in force; changed at run time through POST /_emulator/limits.</summary>
internal sealed record RateLimitSettings(int ConcurrentLimit, int MinuteLimit, TimeSpan MinuteWindow, int DayLimit)
{
    // Rule: [D-faq-limits] 10,000 calls a minute per app across all tenants; docs/xero-rules.md#x-rate-limits; developer.xero.com/faq/limits.
    public const int AppMinuteLimit = 10_000;

    // Rule: [D-limits-old] "rolling 24 hour period"; docs/xero-rules.md#x-rate-limit-windows; developer.xero.com/documentation/auth-and-limits/xero-api-limits.
    public static readonly TimeSpan DayWindow = TimeSpan.FromDays(1);
}
