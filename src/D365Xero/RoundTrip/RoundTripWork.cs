using D365Xero.Sync;

namespace D365Xero.RoundTrip;

/// <summary>
/// Reading Xero's side back, for one connection: credit notes (which queue their invoices), then invoices, after every table that
/// writes to Xero has had its turn in a drain pass, so writes keep priority over reads on the same rate gate and daily budget.
/// </summary>
public sealed class RoundTripWork(SyncConnection c)
{
    public InvoiceReadBack Invoices { get; } = new(c);

    public InvoicePoll Poll => _poll ??= new InvoicePoll(c, Invoices);

    private InvoicePoll? _poll;

    /// <summary>Works what Xero told us that is ready now; true when it worked any.</summary>
    public async Task<bool> DrainAsync(IReadOnlyDictionary<string, long> pending, string worker, CancellationToken ct)
    {
        var worked = false;
        if (pending.GetValueOrDefault(XeroEventQueues.CreditNote) > 0)
        {
            var notes = new CreditNoteReadBack(c, Invoices.Counts);
            while (!c.Outages.Any && await notes.WorkOneBatchAsync(worker, ct)) worked = true;
        }
        // Credit notes may have queued invoices: look whenever either had work.
        if (worked || pending.GetValueOrDefault(XeroEventQueues.Invoice) > 0)
        {
            while (!c.Outages.Any && await Invoices.WorkOneBatchAsync(worker, ct)) worked = true;
        }
        return worked;
    }
}
