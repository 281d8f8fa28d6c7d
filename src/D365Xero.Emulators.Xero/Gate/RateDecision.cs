namespace D365Xero.Emulators.Xero.Gate;

/// <summary>The limiter's answer: admitted or not, and the remaining counts for the response headers.</summary>
internal sealed record RateDecision(bool Admitted, string? Problem, int RetryAfterSeconds, int MinuteRemaining, int DayRemaining, int AppMinuteRemaining);
