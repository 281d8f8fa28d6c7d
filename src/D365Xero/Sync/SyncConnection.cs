using System.Collections.Concurrent;
using D365Xero.Configuration;
using D365Xero.Journal;
using D365Xero.Source;
using D365Xero.Source.Dataverse;
using D365Xero.Sync.Steps;
using D365Xero.Sync.Validation;
using D365Xero.Tables;
using D365Xero.Target.Xero;
using D365Xero.WriteBack;
using Microsoft.Extensions.Logging;

namespace D365Xero.Sync;

/// <summary>
/// One connection (a Dynamics organisation ↔ a Xero organisation) as the host builds it: its clients,
/// its tables and what a run learns. Steps are not handed this: they get <see cref="Steps"/>, the few
/// small interfaces they use.
/// </summary>
public sealed class SyncConnection
{
    public SyncConnection(
        string name, ISyncStore store, DataverseClient dataverse, XeroClient xero, WriteBackColumns columns,
        SyncOptions options, int batchSize, TimeProvider time, ILogger logger)
    {
        Name = name;
        Store = store;
        Dataverse = dataverse;
        Xero = xero;
        Columns = columns;
        Options = options;
        BatchSize = batchSize;
        Time = time;
        Log = logger;
        Reader = new DynamicsReader(dataverse, columns, options.Mapping);
        WriteBack = new DynamicsWriteBack(dataverse, columns, time);
        Clock = new ChangeClock(time);
        Indexes = new XeroIndexes(xero, new XeroReferenceData(xero, time, ct => RefusedRows.RequeueAsync(store, name, ct),
            contactGroups: options.Mapping.Contact.ContactGroup.Column is not null));
        Refused = new RefusedRowWatch(store, name, Indexes.Reference);
        Outages = new ServiceOutages(this);
        Steps = new StepServices(name, store, Reader, WriteBack, xero, Indexes, options, Tables, Counters, Clock, time, logger, new ConcurrentDictionary<(string, Guid), string>());
    }

    public string Name { get; }
    public ISyncStore Store { get; }
    public DataverseClient Dataverse { get; }
    public XeroClient Xero { get; }
    public WriteBackColumns Columns { get; }
    public SyncOptions Options { get; }
    /// <summary>Xero elements per call (Xero:BatchSize, default 50).</summary>
    public int BatchSize { get; }
    public TimeProvider Time { get; }
    public ILogger Log { get; }

    /// <summary>The synced tables, in drain order (the write-back columns are declared with them).</summary>
    public TableRegistry Tables => Columns.Registry;

    public DynamicsReader Reader { get; }
    public DynamicsWriteBack WriteBack { get; }
    public SyncCounters Counters { get; } = new();
    public ChangeClock Clock { get; }

    /// <summary>What the organisation already holds in Xero, read when matching needs it.</summary>
    public XeroIndexes Indexes { get; }

    /// <summary>Xero's and Dataverse's circuit breakers for this connection: whether each answers, and the probes while not.</summary>
    public ServiceOutages Outages { get; }

    /// <summary>Rows refused before sending, looked at again after each capture (docs/mappings.md).</summary>
    public RefusedRowWatch Refused { get; }

    /// <summary>What every step of this connection is built from.</summary>
    public StepServices Steps { get; }

    /// <summary>The same clients and store over other tables (a test's throw-away table; a table of another solution).</summary>
    public SyncConnection WithTables(TableRegistry tables) =>
        new(Name, Store, Dataverse, Xero, new WriteBackColumns(Columns.Prefix, tables), Options, BatchSize, Time, Log);
}
