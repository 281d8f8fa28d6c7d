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
        if (_contactIndex is not null) return _contactIndex;
        var index = new XeroContactIndex();
        await foreach (var contact in Xero.GetAllContactsAsync(cancellationToken: ct)) index.Add(contact);
        return _contactIndex = index;
    }

    /// <summary>
    /// The payload hash of each row in the Xero call now being made, so a batch that gives up records
    /// what it gave up on: the echo of its own error write-back is then recognised and not resent.
    /// </summary>
    public Dictionary<(string Table, Guid Id), string> Attempting { get; } = [];

    /// <summary>The index when it has been read, else null (nothing to keep current yet).</summary>
    public XeroContactIndex? LoadedContactIndex => _contactIndex;

    private Dictionary<string, XeroInvoice>? _invoiceIndex;

    /// <summary>Live sales invoices by Reference, read once (1,000 a call) when an order needs matching, kept current by our writes.</summary>
    public async Task<Dictionary<string, XeroInvoice>> InvoiceIndexAsync(CancellationToken ct)
    {
        if (_invoiceIndex is not null) return _invoiceIndex;
        var index = new Dictionary<string, XeroInvoice>(StringComparer.Ordinal);
        await foreach (var invoice in Xero.GetAllSalesInvoicesAsync(ct))
        {
            if (invoice.Reference is { Length: > 0 } reference) index.TryAdd(reference, invoice);
        }
        return _invoiceIndex = index;
    }

    public Dictionary<string, XeroInvoice>? LoadedInvoiceIndex => _invoiceIndex;

    /// <summary>Forgets the index, so the next use reads Xero again (after a failure left it unsure).</summary>
    public void ResetContactIndex()
    {
        _contactIndex = null;
        _invoiceIndex = null;
    }
}
