namespace D365Xero.Journal;

/// <summary>
/// Which instance works which connection. An instance takes a connection's lease when it is free or
/// has run out, renews it well before it runs out, and releases it on a graceful stop; an instance
/// that dies or is cut off loses it when it runs out. Each acquisition bumps the connection's
/// fencing token, which every write of a fenced store (<see cref="ISyncStore.Fenced"/>) checks.
/// Times come from each instance's clock, as with journal claims: keep the instances' clocks in step.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes the lease when it is free, has run out, or is already this holder's (a restart under the
    /// same <c>Instance:Id</c>); the fence is bumped every time. Null when another holder's lease is live.
    /// </summary>
    Task<Lease?> TryAcquireLeaseAsync(string connection, string holder, TimeSpan duration, CancellationToken ct);

    /// <summary>Extends the lease, keeping its fence; null when it was lost (another holder took it, or it was released).</summary>
    Task<Lease?> RenewLeaseAsync(Lease lease, TimeSpan duration, CancellationToken ct);

    /// <summary>Frees the lease at once, if still held with this fence, so another instance need not wait for it to run out.</summary>
    Task ReleaseLeaseAsync(Lease lease, CancellationToken ct);

    /// <summary>Every connection's lease that was ever taken.</summary>
    Task<IReadOnlyList<LeaseState>> ReadLeasesAsync(CancellationToken ct);

    /// <summary>Records that <paramref name="holder"/> is alive now; returns how many instances were seen within <paramref name="liveFor"/> (itself included).</summary>
    Task<int> AnnounceInstanceAsync(string holder, TimeSpan liveFor, CancellationToken ct);

    /// <summary>Forgets the instance (a graceful stop), so the others count it out at once.</summary>
    Task RetireInstanceAsync(string holder, CancellationToken ct);
}
