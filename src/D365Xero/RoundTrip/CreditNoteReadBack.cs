using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.Tables;
using Microsoft.Extensions.Logging;

namespace D365Xero.RoundTrip;

/// <summary>
/// Credit notes Xero said changed (<see cref="XeroEventQueues.CreditNote"/>): read 50 a call, and each invoice they are allocated
/// to that came from an order is queued for the invoice read-back, which shows the amount credited. Unlinked invoices cost nothing more.
/// </summary>
public sealed class CreditNoteReadBack(SyncConnection c, ReadBackCounts counts)
{
    private readonly BatchFailures _failures = new(c);

    public async Task<bool> WorkOneBatchAsync(string worker, CancellationToken ct)
    {
        var items = await c.Store.ClaimAsync(c.Name, XeroEventQueues.CreditNote, InvoiceReadBack.BatchSize, c.Options.ClaimLease, worker, ct);
        if (items.Count == 0) return false;
        ServiceBreaker.Own(items);
        try
        {
            var notes = await c.Xero.GetCreditNotesByIdsAsync(items.Select(i => i.DynamicsId).ToList(), ct);
            counts.CreditNotesRead += notes.Count;
            var invoices = notes.SelectMany(n => n.Allocations ?? []).Where(a => a.IsDeleted != true)
                .Select(a => a.Invoice?.InvoiceID).OfType<Guid>().Select(id => id.ToString("D")).Distinct().ToList();
            var links = await c.Store.GetLinksByXeroIdsAsync(c.Name, SyncedTables.Order.Name, invoices, ct);
            await c.Store.EnqueueAsync(c.Name, links.Keys.Select(id => new WorkKey(XeroEventQueues.Invoice, Guid.Parse(id))), ct);
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
        catch (RemoteApiException e)
        {
            if (await _failures.WaitAsync(XeroEventQueues.CreditNote, items, e, ct)) return true;
            var delay = e.RetryAfter ?? TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, items.Max(i => i.Attempts) + 1)));
            c.Log.LogWarning("Reading {Count} Xero credit notes failed ({Reason}); retrying in {Delay}", items.Count, e.Message, delay);
            await c.Store.ReleaseAsync(items, delay, ct);
        }
        return true;
    }
}
