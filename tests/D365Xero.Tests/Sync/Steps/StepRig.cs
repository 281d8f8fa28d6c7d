using System.Collections.Concurrent;
using D365Xero.Configuration;
using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.Sync.Steps;
using D365Xero.Sync.Validation;
using D365Xero.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.Tests.Sync.Steps;

/// <summary>A step's whole world in memory: Dynamics, Xero and the store as fakes, no HTTP.</summary>
internal sealed class StepRig
{
    public FakeDynamics Dynamics { get; } = new();
    public FakeXeroGateway Xero { get; } = new();
    public FakeLinkStore Store { get; } = new();
    public SyncCounters Counters { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The options <see cref="WorkAsync"/> runs with.</summary>
    public SyncOptions Options { get; set; } = new();

    /// <summary>Each run starts with nothing cached, as a new process would: it reads the organisation's settings again.</summary>
    public StepServices Services(SyncOptions? options = null) => new(
        "test", Store, Dynamics, Dynamics, Xero, new XeroIndexes(Xero, new XeroReferenceData(Xero, Time)), options ?? Options, SyncedTables.Default,
        Counters, new ChangeClock(Time), Time, NullLogger.Instance, new ConcurrentDictionary<(string, Guid), string>());

    /// <summary>Works the rows through the table's own step, as the drain would; returns those left waiting.</summary>
    public Task<IReadOnlyDictionary<Guid, TimeSpan>> WorkAsync(SyncedTable table, params Guid[] ids) => WorkAsync(null, table, ids);

    /// <summary>Works the rows with the given sync options (Sync:StandaloneContacts, say).</summary>
    public Task<IReadOnlyDictionary<Guid, TimeSpan>> WorkAsync(SyncOptions? options, SyncedTable table, params Guid[] ids) =>
        table.Step(Services(options)).WorkAsync(ids.Select((id, i) => new WorkItem(i + 1, "test", table.Name, id, 1, 0)).ToList(), default);

    public Link LinkOf(SyncedTable table, Guid id) => Store.Links[(table.Name, id)];
}
