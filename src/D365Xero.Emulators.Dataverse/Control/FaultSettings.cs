namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// The body of <c>POST /_emulator/faults</c>: a share of requests failing with <see cref="ErrorStatus"/>, an added
/// delay, and a burst of 429s each answering <c>Retry-After: RetryAfterSeconds</c>.
/// </summary>
internal sealed class FaultSettings
{
    public double ErrorRate { get; set; }
    public int ErrorStatus { get; set; } = 503;
    public int DelayMs { get; set; }
    public int Burst429 { get; set; }
    public int RetryAfterSeconds { get; set; } = 1;
    public int? Seed { get; set; }
}
