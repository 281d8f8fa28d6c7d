namespace D365Xero.Journal;

/// <summary>
/// A write was refused because the writer's lease is no longer the connection's current one: it ran
/// out and another instance took the connection (a larger fence), or it was released. Nothing of the
/// refused write was kept; the writer must stop working the connection.
/// </summary>
public sealed class LeaseLostException(Lease lease, string? currentHolder, long? currentFence)
    : Exception($"Instance '{lease.Holder}' no longer holds connection '{lease.Connection}' (its fence {lease.Fence}; now " +
        (currentHolder is null ? "free" : $"'{currentHolder}' with fence {currentFence}") + "): the write was refused.")
{
    public Lease Lease { get; } = lease;
}
