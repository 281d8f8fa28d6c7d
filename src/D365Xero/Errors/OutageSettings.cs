namespace D365Xero.Errors;

/// <summary>When a service counts as unavailable, and how often it is probed then (from <c>Sync:Outage*</c>).</summary>
/// <param name="Failures">Failed calls in a row (5xx, 408, timeouts, refused connections, unknown hosts) that open the circuit.</param>
/// <param name="FirstProbe">The wait before the first probe; it doubles after each failed probe.</param>
/// <param name="MaxProbe">The longest wait between two probes.</param>
public sealed record OutageSettings(int Failures, TimeSpan FirstProbe, TimeSpan MaxProbe)
{
    public static OutageSettings Default { get; } = new(5, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    /// <summary>The wait before probe number <paramref name="failedProbes"/> + 1.</summary>
    public TimeSpan ProbeInterval(int failedProbes)
    {
        var ticks = FirstProbe.Ticks * Math.Pow(2, Math.Min(failedProbes, 30));
        return ticks >= MaxProbe.Ticks ? MaxProbe : TimeSpan.FromTicks((long)ticks);
    }
}
