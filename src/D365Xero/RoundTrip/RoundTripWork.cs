using D365Xero.Reconcile;
using D365Xero.Sync;

namespace D365Xero.RoundTrip;

/// <summary>
/// Reading Xero's side back, for one connection: credit notes (which queue their invoices), then invoices, then contacts (checked
/// for drift only), after every table that writes to Xero has had its turn in a drain pass, so writes keep priority over reads on
/// the same rate gate and daily budget; and while writes still wait, its reads take at most <c>Xero:ReadShare</c> of the day (<see cref="WritesFirst"/>).
/// </summary>
public sealed class RoundTripWork(SyncConnection c)
{
    private readonly EventQueueRunner _runner = new(c);
    private readonly ContactDriftStep _drift = new();

    public InvoiceReadBack Invoices { get; } = new(c);

    public InvoicePoll Poll => _poll ??= new InvoicePoll(c, Invoices);

    private InvoicePoll? _poll;

    /// <summary>Works what Xero told us that is ready now; true when it worked any.</summary>
    /// <param name="look">The journal after the tables that write to Xero had their turn: rows of theirs still ready are writes waiting.</param>
    public async Task<bool> DrainAsync(IReadOnlyDictionary<string, Journal.JournalLook> look, string worker, CancellationToken ct)
    {
        // Rule: docs/product-rules.md#p-read-share — while writes wait, these reads keep to their share of the day.
        using var reads = WritesFirst.Reads(WritesFirst.WritesWaiting(c, look));
        bool Queued(string queue) => look.TryGetValue(queue, out var l) && l.Pending > 0;
        var worked = false;
        if (Queued(XeroEventQueues.CreditNote))
        {
            var notes = new CreditNoteReadBack(c);
            worked |= await DrainQueueAsync(XeroEventQueues.CreditNote, worker, notes.WorkAsync, ct);
        }
        // Credit notes may have queued invoices: look whenever either had work.
        if (worked || Queued(XeroEventQueues.Invoice))
            worked |= await DrainQueueAsync(XeroEventQueues.Invoice, worker, Invoices.WorkAsync, ct);
        if (Queued(XeroEventQueues.Contact))
            worked |= await DrainQueueAsync(XeroEventQueues.Contact, worker, async (items, token) => await _drift.WorkAsync(c, items, token), ct);
        return worked;
    }

    private async Task<bool> DrainQueueAsync(string queue, string worker, Func<IReadOnlyList<Journal.WorkItem>, CancellationToken, Task> work, CancellationToken ct)
    {
        var worked = false;
        while (!c.Outages.Any && await _runner.WorkOneBatchAsync(queue, worker, work, ct)) worked = true;
        return worked;
    }
}
