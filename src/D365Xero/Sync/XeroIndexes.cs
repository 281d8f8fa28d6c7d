using System.Collections.Concurrent;
using D365Xero.Sync.Validation;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Sync;

/// <summary>
/// What the organisation already holds, read once per connection when a step needs to match (contacts
/// and invoices 1,000 a call, items in one call) and kept current by our own writes; forgotten after a
/// failure left it unsure, so the next use reads Xero again.
/// </summary>
/// <param name="reference">The organisation's settings cache; by default one of its own over the same gateway.</param>
public sealed class XeroIndexes(IXeroGateway xero, XeroReferenceData? reference = null)
{
    /// <summary>The organisation's settings (accounts, tax rates, tracking, …), for pre-send validation.</summary>
    public XeroReferenceData Reference { get; } = reference ?? new XeroReferenceData(xero, TimeProvider.System);

    // One read of each index even when several batches need it at once.
    private readonly SemaphoreSlim _load = new(1, 1);
    private readonly ConcurrentDictionary<(string, Guid), Guid> _reserved = new();
    private XeroContactIndex? _contacts;
    private XeroItemIndex? _items;
    private XeroInvoiceIndex? _invoices;
    private int _generation;

    /// <summary>The contacts index when it has been read, else null (nothing to keep current yet).</summary>
    public XeroContactIndex? LoadedContacts => _contacts;
    public XeroItemIndex? LoadedItems => _items;
    public XeroInvoiceIndex? LoadedInvoices => _invoices;

    public Task<XeroContactIndex> ContactsAsync(CancellationToken ct) => LoadAsync(() => _contacts, i => _contacts = i, async () =>
    {
        var index = new XeroContactIndex();
        await foreach (var contact in xero.GetAllContactsAsync(cancellationToken: ct)) index.Add(contact);
        return index;
    }, ct);

    /// <summary>Xero items by Code (case-insensitive, as Xero compares codes); the first of a Code is kept.</summary>
    public Task<XeroItemIndex> ItemsAsync(CancellationToken ct) => LoadAsync(() => _items, i => _items = i, async () =>
    {
        var index = new XeroItemIndex();
        foreach (var item in await xero.GetItemsAsync(cancellationToken: ct))
        {
            if (item.Code is { } code) index.TryAdd(code, item);
        }
        return index;
    }, ct);

    /// <summary>Live sales invoices by Reference.</summary>
    public Task<XeroInvoiceIndex> InvoicesAsync(CancellationToken ct) => LoadAsync(() => _invoices, i => _invoices = i, async () =>
    {
        var index = new XeroInvoiceIndex();
        await foreach (var invoice in xero.GetAllSalesInvoicesAsync(ct))
        {
            if (invoice.Reference is { Length: > 0 } reference) index.TryAdd(reference, invoice);
        }
        return index;
    }, ct);

    /// <summary>
    /// Claims an existing Xero record for one Dynamics row while batches run side by side: the first
    /// to ask gets it, so two rows are never linked to one record. Links are recorded after a batch
    /// is sent, so the store alone cannot say this in time.
    /// </summary>
    public bool Reserve(string table, Guid xeroId, Guid dynamicsId) => _reserved.GetOrAdd((table, xeroId), dynamicsId) == dynamicsId;

    /// <summary>Forgets every index, so the next use reads Xero again (after a failure left them unsure).</summary>
    public void Reset()
    {
        Interlocked.Increment(ref _generation);
        _contacts = null;
        _invoices = null;
        _items = null;
    }

    private async Task<T> LoadAsync<T>(Func<T?> loaded, Action<T> keep, Func<Task<T>> read, CancellationToken ct) where T : class
    {
        if (loaded() is { } index) return index;
        await _load.WaitAsync(ct);
        try
        {
            if (loaded() is { } raced) return raced;
            // A reset while this read was under way means Xero may hold writes the read missed: use it once, keep none.
            var generation = Volatile.Read(ref _generation);
            var fresh = await read();
            if (generation == Volatile.Read(ref _generation)) keep(fresh);
            return fresh;
        }
        finally
        {
            _load.Release();
        }
    }
}
