using D365Xero.Journal;
using D365Xero.Reconcile;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.Tests.Reconcile;

/// <summary>The drift `status` shows: a reconcile replaces it; a check of some contacts updates only those.</summary>
public sealed class DriftLogTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"d365xero-drift-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    private static DriftFinding Finding(Guid id, DriftKind kind, params string[] fields) =>
        new("account", id, Guid.NewGuid().ToString(), "Coho", kind, fields.Select(f => new FieldDifference(f, "a", "b")).ToList());

    [Fact]
    public async Task A_check_replaces_what_it_looked_at_and_keeps_the_rest()
    {
        var store = new SqlSyncStore(StoreDialect.Sqlite, $"Data Source={_path};Pooling=False", _time);
        await store.MigrateAsync(default);
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        var at = _time.GetUtcNow();
        var report = new ReconcileReport("default", at,
            [new TableReconcile("account", 3, 0, [Finding(a, DriftKind.Differs, "Name"), Finding(b, DriftKind.Differs, "Phones[DEFAULT].PhoneNumber"), Finding(a, DriftKind.DuplicateName)])], []);
        await DriftLog.RecordReconcileAsync(store, "default", report, default);
        Assert.Equal(new DriftSummary.TableDrift("account", 2, 0, 1), Assert.Single(DriftLog.Summarise(await DriftLog.ReadAsync(store, "default", default)).Tables));

        // Xero said a, b and c changed: a matches again, c now differs, b was not read (an echo): b is kept as it was.
        var later = at.AddMinutes(5);
        await DriftLog.RecordCheckAsync(store, "default", [("account", a), ("account", c)], [Finding(c, DriftKind.ArchivedInXero, "ContactStatus")], later, default);

        var state = await DriftLog.ReadAsync(store, "default", default);
        Assert.Equal((at, later), (state.ReconciledAt, state.CheckedAt));
        Assert.Equal([(b, DriftKind.Differs), (c, DriftKind.ArchivedInXero), (a, DriftKind.DuplicateName)],
            state.Records.Select(r => (r.DynamicsId, r.Kind)).OrderBy(r => r.Kind).ToList());
        Assert.Equal(new DriftSummary.TableDrift("account", 2, 0, 1), Assert.Single(DriftLog.Summarise(state).Tables));
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }
}
