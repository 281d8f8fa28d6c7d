using System.Collections.Concurrent;
using D365Xero.Configuration;
using D365Xero.Journal;
using D365Xero.Source;
using D365Xero.Tables;
using D365Xero.Target.Xero;
using D365Xero.WriteBack;
using Microsoft.Extensions.Logging;

namespace D365Xero.Sync.Steps;

/// <summary>
/// The small interfaces a step is built from: the store's links, the Dynamics reader and writer, the
/// Xero gateway and its indexes. Immutable; a test hands in fakes and runs a step without HTTP.
/// </summary>
/// <param name="Attempting">
/// The payload hash of each row in the Xero call now being made, so a batch that gives up records what
/// it gave up on: the echo of its own error write-back is then recognised and not resent.
/// </param>
public sealed record StepServices(
    string Connection,
    ILinkStore Store,
    IDynamicsReader Reader,
    IRowWriter WriteBack,
    IXeroGateway Xero,
    XeroIndexes Indexes,
    SyncOptions Options,
    TableRegistry Tables,
    SyncCounters Counters,
    ChangeClock Clock,
    TimeProvider Time,
    ILogger Log,
    ConcurrentDictionary<(string Table, Guid Id), string> Attempting);
