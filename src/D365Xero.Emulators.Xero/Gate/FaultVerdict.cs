namespace D365Xero.Emulators.Xero.Gate;

/// <summary>What the fault plan does to one call: answer early with a status, delay it, or lose its response.</summary>
internal sealed record FaultVerdict(int? Status, TimeSpan Delay, bool LoseResponse)
{
    public static readonly FaultVerdict None = new(null, TimeSpan.Zero, false);
}
