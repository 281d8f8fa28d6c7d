using System.Collections.Concurrent;

namespace D365Xero.Hosting.Web;

/// <summary>
/// Wakes a connection's worker the moment work is queued (a webhook), so a change goes to Xero at
/// once instead of at the next poll; a burst of posts while the worker is busy is one wake-up.
/// </summary>
public sealed class WorkSignal
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new();

    public void Notify(string connection)
    {
        var signal = Get(connection);
        if (signal.CurrentCount > 0) return;
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another post won the race: one wake-up is enough.
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(string connection, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var timeoutCts = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        try
        {
            await Get(connection).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The timeout: time to poll.
        }
    }

    private SemaphoreSlim Get(string connection) => _signals.GetOrAdd(connection, _ => new SemaphoreSlim(0, 1));
}
