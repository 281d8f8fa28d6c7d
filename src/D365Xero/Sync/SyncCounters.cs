namespace D365Xero.Sync;

/// <summary>What a run did per table, for the back-fill summary and `sync --once`. Thread-safe.</summary>
public sealed class SyncCounters
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TableCounters> _tables = new();

    public TableCounters For(string table) => _tables.GetOrAdd(table, _ => new TableCounters());

    public IReadOnlyDictionary<string, TableCounters> Tables => _tables;
}

/// <summary>What a run did to one table's rows.</summary>
public sealed class TableCounters
{
    private long _created, _updated, _matched, _unchanged, _archived, _failed, _skipped;

    public long Created => Interlocked.Read(ref _created);
    public long Updated => Interlocked.Read(ref _updated);
    public long Matched => Interlocked.Read(ref _matched);
    public long Unchanged => Interlocked.Read(ref _unchanged);
    public long Archived => Interlocked.Read(ref _archived);
    public long Failed => Interlocked.Read(ref _failed);
    public long Skipped => Interlocked.Read(ref _skipped);

    public void AddCreated(long n = 1) => Interlocked.Add(ref _created, n);
    public void AddUpdated(long n = 1) => Interlocked.Add(ref _updated, n);
    public void AddMatched(long n = 1) => Interlocked.Add(ref _matched, n);
    public void AddUnchanged(long n = 1) => Interlocked.Add(ref _unchanged, n);
    public void AddArchived(long n = 1) => Interlocked.Add(ref _archived, n);
    public void AddFailed(long n = 1) => Interlocked.Add(ref _failed, n);
    public void AddSkipped(long n = 1) => Interlocked.Add(ref _skipped, n);
}
