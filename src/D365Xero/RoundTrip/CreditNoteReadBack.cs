using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.Tables;

namespace D365Xero.RoundTrip;

/// <summary>
/// Credit notes Xero said changed (<see cref="XeroEventQueues.CreditNote"/>): read 50 a call, and each invoice they are allocated
/// to that came from an order is queued for the invoice read-back, which shows the amount credited. Unlinked invoices cost nothing more.
/// </summary>
public sealed class CreditNoteReadBack(SyncConnection c)
{
    public async Task WorkAsync(IReadOnlyList<WorkItem> items, CancellationToken ct)
    {
        var notes = await c.Xero.GetCreditNotesByIdsAsync(items.Select(i => i.DynamicsId).ToList(), ct);
        var invoices = notes.SelectMany(n => n.Allocations ?? []).Where(a => a.IsDeleted != true)
            .Select(a => a.Invoice?.InvoiceID).OfType<Guid>().Select(id => id.ToString("D")).Distinct().ToList();
        var links = await c.Store.GetLinksByXeroIdsAsync(c.Name, SyncedTables.Order.Name, invoices, ct);
        await c.Store.EnqueueAsync(c.Name, links.Keys.Select(id => new WorkKey(XeroEventQueues.Invoice, Guid.Parse(id))), ct);
    }
}
