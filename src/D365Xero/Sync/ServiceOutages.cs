using D365Xero.Errors;
using D365Xero.Hosting;
using Microsoft.Extensions.Logging;

namespace D365Xero.Sync;

/// <summary>
/// A connection's circuit breakers (Xero's and Dataverse's) seen together: whether work may go, the
/// probe calls while a service is unavailable, how long a one-shot run waits for one, and what the
/// store says of them for `status` in any process.
/// </summary>
public sealed class ServiceOutages(SyncConnection c)
{
    private string? _saved = "";

    public IEnumerable<ServiceBreaker> Breakers => new[] { c.Xero.Breaker, c.Dataverse.Breaker }.OfType<ServiceBreaker>();

    /// <summary>The services unavailable now, the longest-running first.</summary>
    public IReadOnlyList<ServiceOutage> Current => [.. Breakers.Select(b => b.Outage).OfType<ServiceOutage>().OrderBy(o => o.Since)];

    public bool Any => Breakers.Any(b => b.Outage is not null);

    /// <summary>The breaker of "Xero" or "Dataverse".</summary>
    public ServiceBreaker? Of(string service) => Breakers.FirstOrDefault(b => b.Service == service);

    /// <summary>Sends the probe of each unavailable service whose probe is due; true when every service answers.</summary>
    public async Task<bool> ProbeAsync(CancellationToken ct)
    {
        foreach (var breaker in Breakers.Where(b => b.ProbeDue))
        {
            try
            {
                if (breaker == c.Xero.Breaker) await c.Xero.ProbeAsync(ct);
                else await c.Dataverse.WhoAmIAsync(ct);
            }
            catch (RemoteApiException e)
            {
                // The breaker has recorded it (an answer that is a refusal still closes it: the service is there).
                c.Log.LogDebug("Probe of {Service}: {Reason}", breaker.Service, e.Message);
            }
        }
        await SaveAsync(ct);
        return !Any;
    }

    /// <summary>
    /// Waits for the next probe of an unavailable service. A one-shot run (<paramref name="oneShot"/>) waits
    /// at most <c>Sync:OutageGiveUp</c> from the outage's start, then throws <see cref="ServiceUnavailableException"/>;
    /// with <paramref name="wait"/> false it throws at once.
    /// </summary>
    public async Task WaitForProbeAsync(bool wait, CancellationToken ct)
    {
        if (Current is not [var first, ..]) return;
        await SaveAsync(ct);
        var now = c.Time.GetUtcNow();
        var giveUpAt = first.Since + c.Options.OutageGiveUp;
        if (!wait || now >= giveUpAt)
            throw new ServiceUnavailableException(c.Name, Current, now - first.Since, (await c.Store.CountPendingAsync(c.Name, ct)).Values.Sum());
        var next = Current.Min(o => o.NextProbeAt);
        var until = next < giveUpAt ? next : giveUpAt;
        if (until > now) await Task.Delay(until - now, c.Time, ct);
    }

    /// <summary>Writes the outages to the store when they changed, so `status` in any process shows them.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        var now = Current;
        var text = now.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(now);
        if (text == _saved) return;
        await ConnectionState.SetOutagesAsync(c.Store, c.Name, now, ct);
        _saved = text;
    }
}
