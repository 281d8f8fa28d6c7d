namespace D365Xero.Emulators.Xero.Common;

/// <summary>
/// A key (a number, a code, a name) → the positions in a record list that hold it, compared without regard
/// to case as Xero compares them; the lists keep one in step with every add and replace, so a lookup or a
/// uniqueness rule costs no scan. The first position is the record a scan in order would find.
/// </summary>
internal sealed class KeyPositions
{
    private readonly Dictionary<string, SortedSet<int>> _positions = new(StringComparer.OrdinalIgnoreCase);

    public void Clear() => _positions.Clear();

    public int? First(string key) => _positions.TryGetValue(key, out var at) && at.Count > 0 ? at.Min : null;

    /// <summary>True when a position other than <paramref name="self"/> holds the key.</summary>
    public bool TakenBesides(string key, int? self) => _positions.TryGetValue(key, out var at) && at.Any(p => p != self);

    public void Add(string? key, int at)
    {
        if (string.IsNullOrEmpty(key)) return;
        if (!_positions.TryGetValue(key, out var set)) _positions[key] = set = [];
        set.Add(at);
    }

    public void Remove(string? key, int at)
    {
        if (!string.IsNullOrEmpty(key) && _positions.TryGetValue(key, out var set) && set.Remove(at) && set.Count == 0) _positions.Remove(key);
    }
}
