using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Sync;
using Microsoft.Extensions.Logging;

namespace D365Xero.RoundTrip;

/// <summary>
/// Claims one batch of a queue of what Xero told us (<see cref="XeroEventQueues"/>) and works it, with the failures handled once for
/// every kind: waiting (the day's budget spent, a service unavailable, reads held back for waiting writes) counts no attempt; a failed read is tried again with a growing
/// delay and, after <c>Sync:MaxAttempts</c>, left to the invoice poll and the next `reconcile`, which find the same changes again.
/// </summary>
public sealed class EventQueueRunner(SyncConnection c)
{
    /// <summary>Entries claimed at once: five reads of 100 invoices.</summary>
    public const int BatchSize = 500;

    private readonly BatchFailures _failures = new(c);

    /// <returns>False when nothing of the queue was ready.</returns>
    public async Task<bool> WorkOneBatchAsync(string queue, string worker, Func<IReadOnlyList<WorkItem>, CancellationToken, Task> work, CancellationToken ct)
    {
        var items = await c.Store.ClaimAsync(c.Name, queue, BatchSize, c.Options.ClaimLease, worker, ct);
        if (items.Count == 0) return false;
        ServiceBreaker.Own(items);
        try
        {
            await work(items, ct);
            await c.Store.CompleteAsync(items, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await c.Store.DeferAsync(items, TimeSpan.Zero, CancellationToken.None);
            throw;
        }
        catch (RemoteApiException e) when (e.Kind == ErrorKind.Auth)
        {
            await c.Store.DeferAsync(items, TimeSpan.Zero, CancellationToken.None);
            throw new ConnectionPausedException(c.Name, e.Message, e);
        }
        catch (RemoteApiException e) when (Target.Xero.RateLimiting.ReadShare.IsHeld(e))
        {
            // Reads have taken their share while writes wait: nothing was sent, nothing failed (docs/product-rules.md#p-read-share).
            await WritesFirst.DeferAsync(c, queue, items, e, ct);
        }
        catch (RemoteApiException e)
        {
            if (await _failures.WaitAsync(queue, items, e, ct)) return true;
            var attempts = items.Max(i => i.Attempts) + 1;
            if (attempts >= c.Options.MaxAttempts)
            {
                c.Log.LogError("Reading back {Count} entries of {Queue} failed {Attempts} times; the invoice poll and `reconcile` find them again: {Reason}",
                    items.Count, queue, attempts, e.Message);
                await c.Store.CompleteAsync(items, ct);
                return true;
            }
            var delay = e.RetryAfter ?? TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, attempts)));
            c.Log.LogWarning("Reading back {Count} entries of {Queue} failed ({Reason}); retrying in {Delay}", items.Count, queue, e.Message, delay);
            await c.Store.ReleaseAsync(items, delay, ct);
        }
        return true;
    }
}
