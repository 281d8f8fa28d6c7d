using D365Xero.Target.Xero.RateLimiting;

namespace D365Xero.Hosting;

/// <summary>What `status` says of the reads' share of Xero's day (docs/product-rules.md#p-read-share).</summary>
public static class ReadShareStatus
{
    /// <summary>
    /// <c>Xero reads: 180 of 200 in the last 24 h (Xero:ReadShare)</c>, and while the round trip is held back for waiting writes, until
    /// when at the latest; null for a budget saved before reads were counted.
    /// </summary>
    public static string? Line(RateBudget budget) => budget.ReadLimit <= 0 ? null
        : $"Xero reads: {budget.ReadsInDay} of {budget.ReadLimit} in the last 24 h (Xero:ReadShare of the day's calls)"
            + (budget.ReadsHeldUntil is { } until
                ? $"; read-backs and the invoice poll wait while writes wait, until the writes are done or {until:u}"
                : budget.ReadsInDay >= budget.ReadLimit ? "; read-backs wait whenever writes wait" : "");
}
