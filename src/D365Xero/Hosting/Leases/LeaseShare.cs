namespace D365Xero.Hosting.Leases;

/// <summary>
/// How many connections one instance works: its fair share, <c>ceil(connections ÷ live instances)</c>.
/// An instance below its share takes free or run-out leases; one above it (another instance has
/// started) releases the surplus so the newcomer can take it. Live instances are those that announced
/// themselves within one lease duration, so a dead instance stops counting when its leases run out.
/// </summary>
public static class LeaseShare
{
    public static int For(int connections, int liveInstances) =>
        connections == 0 ? 0 : (connections + Math.Max(1, liveInstances) - 1) / Math.Max(1, liveInstances);

    /// <summary>
    /// The order this instance tries connections in: rotated by its id, so instances that start together
    /// reach for different connections first instead of all racing for the first.
    /// </summary>
    public static IReadOnlyList<T> Order<T>(IReadOnlyList<T> connections, string instanceId)
    {
        if (connections.Count == 0) return connections;
        var start = (int)(StableHash(instanceId) % (uint)connections.Count);
        return [.. connections.Skip(start), .. connections.Take(start)];
    }

    private static uint StableHash(string text)
    {
        var hash = 2166136261u; // FNV-1a
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
