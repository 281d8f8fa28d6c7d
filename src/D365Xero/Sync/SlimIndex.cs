using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace D365Xero.Sync;

/// <summary>
/// Xero records by one key, each kept as a small entry of only the fields matching reads, and handed out as a record
/// made from it. A back-fill keeps one per row, so an entry's size is what the index costs. Batches run side by side
/// and all read and add here.
/// </summary>
public abstract class SlimIndex<TRecord, TEntry>(IEqualityComparer<string> keys) where TRecord : class
{
    private readonly ConcurrentDictionary<string, TEntry> _entries = new(keys);

    public int Count => _entries.Count;

    /// <summary>The record with this key, as the index keeps it.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TRecord record)
    {
        record = _entries.TryGetValue(key, out var entry) ? Unpack(key, entry) : null;
        return record is not null;
    }

    /// <summary>Keeps the first record read of a key.</summary>
    public bool TryAdd(string key, TRecord record) => _entries.TryAdd(key, Pack(record));

    /// <summary>Our own write: what Xero answered replaces what was known of that key.</summary>
    public TRecord this[string key]
    {
        set => _entries[key] = Pack(value);
    }

    /// <summary>What is kept of a record.</summary>
    protected abstract TEntry Pack(TRecord record);

    /// <summary>The record again, from what was kept and its key.</summary>
    protected abstract TRecord Unpack(string key, TEntry entry);
}
