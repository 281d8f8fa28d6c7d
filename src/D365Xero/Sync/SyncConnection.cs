using System.Collections.Concurrent;
using D365Xero.Configuration;
using D365Xero.Journal;
using D365Xero.Source;
using D365Xero.Source.Dataverse;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.Model;
using D365Xero.WriteBack;
using Microsoft.Extensions.Logging;

namespace D365Xero.Sync;

/// <summary>Everything one connection (a Dynamics organisation ↔ a Xero organisation) is worked with.</summary>
public sealed class SyncConnection(
    string name,
    ISyncStore store,
    DataverseClient dataverse,
    XeroClient xero,
    WriteBackColumns columns,
    SyncOptions options,
    int batchSize,
    TimeProvider time,
    ILogger logger)
{
    private XeroContactIndex? _contactIndex;

    public string Name { get; } = name;
    public ISyncStore Store { get; } = store;
    public DataverseClient Dataverse { get; } = dataverse;
    public XeroClient Xero { get; } = xero;
    public WriteBackColumns Columns { get; } = columns;
    public SyncOptions Options { get; } = options;
    /// <summary>Xero elements per call (Xero:BatchSize, default 50).</summary>
    public int BatchSize { get; } = batchSize;
    public TimeProvider Time { get; } = time;
    public ILogger Log { get; } = logger;
    public DynamicsReader Reader { get; } = new(dataverse, columns);
    public DynamicsWriteBack WriteBack { get; } = new(dataverse, columns, time);
    public SyncCounters Counters { get; } = new();
    public ChangeClock Clock { get; } = new(time);

    /// <summary>The Xero contacts, read once (1,000 a call) and kept current by our own writes.</summary>
    public async Task<XeroContactIndex> ContactIndexAsync(CancellationToken ct)
    {
        if (_contactIndex is { } loaded) return loaded;
        await _indexLoad.WaitAsync(ct);
        try
        {
            if (_contactIndex is { } raced) return raced;
            // A reset while this read was under way means Xero may hold writes the read missed: use it once, keep none.
            var generation = Volatile.Read(ref _indexGeneration);
            var index = new XeroContactIndex();
            await foreach (var contact in Xero.GetAllContactsAsync(cancellationToken: ct)) index.Add(contact);
            if (generation == Volatile.Read(ref _indexGeneration)) _contactIndex = index;
            return index;
        }
        finally
        {
            _indexLoad.Release();
        }
    }

    /// <summary>
    /// The payload hash of each row in the Xero call now being made, so a batch that gives up records
    /// what it gave up on: the echo of its own error write-back is then recognised and not resent.
    /// </summary>
    public ConcurrentDictionary<(string Table, Guid Id), string> Attempting { get; } = new();

    /// <summary>The index when it has been read, else null (nothing to keep current yet).</summary>
    public XeroContactIndex? LoadedContactIndex => _contactIndex;

    private ConcurrentDictionary<string, XeroItem>? _itemIndex;

    /// <summary>Xero items by Code (one call: Items has no paging), read when a product needs matching, kept current by our writes.</summary>
    public async Task<ConcurrentDictionary<string, XeroItem>> ItemIndexAsync(CancellationToken ct)
    {
        if (_itemIndex is { } loaded) return loaded;
        await _indexLoad.WaitAsync(ct);
        try
        {
            return _itemIndex ??= new((await Xero.GetItemsAsync(cancellationToken: ct))
                .Where(i => i.Code is not null).GroupBy(i => i.Code!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        }
        finally
        {
            _indexLoad.Release();
        }
    }

    public ConcurrentDictionary<string, XeroItem>? LoadedItemIndex => _itemIndex;

    // One read of each index even when several batches need it at once.
    private readonly SemaphoreSlim _indexLoad = new(1, 1);
    private readonly ConcurrentDictionary<(string, Guid), Guid> _reserved = new();

    /// <summary>
    /// Claims an existing Xero record for one Dynamics row while batches run side by side: the first
    /// to ask gets it, so two rows are never linked to one record. Links are recorded after a batch
    /// is sent, so the store alone cannot say this in time.
    /// </summary>
    public bool ReserveMatch(string table, Guid xeroId, Guid dynamicsId) => _reserved.GetOrAdd((table, xeroId), dynamicsId) == dynamicsId;

    private ConcurrentDictionary<string, XeroInvoice>? _invoiceIndex;

    /// <summary>Live sales invoices by Reference, read once (1,000 a call) when an order needs matching, kept current by our writes.</summary>
    public async Task<ConcurrentDictionary<string, XeroInvoice>> InvoiceIndexAsync(CancellationToken ct)
    {
        if (_invoiceIndex is { } loaded) return loaded;
        await _indexLoad.WaitAsync(ct);
        try
        {
            if (_invoiceIndex is { } raced) return raced;
            var index = new ConcurrentDictionary<string, XeroInvoice>(StringComparer.Ordinal);
            await foreach (var invoice in Xero.GetAllSalesInvoicesAsync(ct))
            {
                if (invoice.Reference is { Length: > 0 } reference) index.TryAdd(reference, IndexEntry(invoice));
            }
            return _invoiceIndex = index;
        }
        finally
        {
            _indexLoad.Release();
        }
    }

    public ConcurrentDictionary<string, XeroInvoice>? LoadedInvoiceIndex => _invoiceIndex;

    /// <summary>Only what matching and orphan lookups read: a back-fill keeps one per order, not its lines.</summary>
    public static XeroInvoice IndexEntry(XeroInvoice invoice) => new()
    {
        InvoiceID = invoice.InvoiceID, InvoiceNumber = invoice.InvoiceNumber, Reference = invoice.Reference,
        Status = invoice.Status, AmountPaid = invoice.AmountPaid,
    };

    /// <summary>Forgets the index, so the next use reads Xero again (after a failure left it unsure).</summary>
    private int _indexGeneration;

    public void ResetContactIndex()
    {
        Interlocked.Increment(ref _indexGeneration);
        _contactIndex = null;
        _invoiceIndex = null;
        _itemIndex = null;
    }
}
