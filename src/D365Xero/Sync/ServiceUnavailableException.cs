using D365Xero.Errors;

namespace D365Xero.Sync;

/// <summary>
/// A one-shot run (`sync --once`, `backfill`) stopped because a service stayed unavailable for
/// <c>Sync:OutageGiveUp</c>. Nothing failed: every row is still pending for the next run.
/// </summary>
public sealed class ServiceUnavailableException(string connection, IReadOnlyList<ServiceOutage> outages, TimeSpan waited, long waiting)
    : Exception($"{string.Join("; ", outages.Select(o => o.Describe()))}. Gave up after waiting {(waited.TotalSeconds < 90 ? $"{waited.TotalSeconds:0} s" : $"{waited.TotalMinutes:0.#} min")} (Sync:OutageGiveUp); nothing failed, {waiting} rows wait for the next run.")
{
    public string Connection { get; } = connection;
    public IReadOnlyList<ServiceOutage> Outages { get; } = outages;
}
