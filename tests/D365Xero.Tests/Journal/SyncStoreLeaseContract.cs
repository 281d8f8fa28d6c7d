using D365Xero.Journal;

namespace D365Xero.Tests.Journal;

/// <summary>
/// Leases and fencing, on every provider: which instance works a connection, and that an instance
/// which lost its lease cannot write. Expiry is driven by the fake clock.
/// </summary>
public abstract partial class SyncStoreContract
{
    private static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_live_lease_is_not_taken_and_a_run_out_one_is_taken_with_a_larger_fence()
    {
        var store = await MigratedAsync();

        var first = await store.TryAcquireLeaseAsync(Conn, "a", LeaseFor, default);
        var whileLive = await store.TryAcquireLeaseAsync(Conn, "b", LeaseFor, default);
        Time.Advance(LeaseFor);
        var afterExpiry = await store.TryAcquireLeaseAsync(Conn, "b", LeaseFor, default);

        Assert.NotNull(first);
        Assert.Null(whileLive);
        Assert.NotNull(afterExpiry);
        Assert.True(afterExpiry.Fence > first.Fence);
        Assert.Equal("b", Assert.Single(await store.ReadLeasesAsync(default)).Holder);
        Assert.NotNull(await store.TryAcquireLeaseAsync("other", "a", LeaseFor, default)); // leases are per connection
    }

    [Fact]
    public async Task Renewal_keeps_the_fence_and_the_lease_and_fails_once_taken_over()
    {
        var store = await MigratedAsync();
        var lease = (await store.TryAcquireLeaseAsync(Conn, "a", LeaseFor, default))!;

        Time.Advance(LeaseFor * 2 / 3);
        var renewed = await store.RenewLeaseAsync(lease, LeaseFor, default);
        Time.Advance(LeaseFor * 2 / 3); // past the first expiry, within the renewed one
        var takeover = await store.TryAcquireLeaseAsync(Conn, "b", LeaseFor, default);
        Time.Advance(LeaseFor);
        var taken = await store.TryAcquireLeaseAsync(Conn, "b", LeaseFor, default);
        var renewedAfterTakeover = await store.RenewLeaseAsync(renewed!, LeaseFor, default);

        Assert.Equal(lease.Fence, renewed!.Fence);
        Assert.True(renewed.ExpiresAt > lease.ExpiresAt);
        Assert.Null(takeover);
        Assert.NotNull(taken);
        Assert.Null(renewedAfterTakeover);
    }

    [Fact]
    public async Task Release_frees_the_lease_at_once_and_the_next_holder_gets_a_larger_fence()
    {
        var store = await MigratedAsync();
        var lease = (await store.TryAcquireLeaseAsync(Conn, "a", LeaseFor, default))!;

        await store.ReleaseLeaseAsync(lease, default);
        var state = Assert.Single(await store.ReadLeasesAsync(default));
        var next = await store.TryAcquireLeaseAsync(Conn, "b", LeaseFor, default);

        Assert.Null(state.Holder);
        Assert.True(next!.Fence > lease.Fence);
        Assert.Null(await store.RenewLeaseAsync(lease, LeaseFor, default));
        await Assert.ThrowsAsync<LeaseLostException>(() => store.Fenced(lease).SetCursorAsync(Conn, "account", "x", default));
    }

    [Fact]
    public async Task Every_write_with_a_stale_fence_is_refused_and_leaves_the_store_unchanged()
    {
        var store = await MigratedAsync();
        var stale = (await store.TryAcquireLeaseAsync(Conn, "a", LeaseFor, default))!;
        var a = store.Fenced(stale);
        var queued = new WorkKey("account", Guid.NewGuid());
        await a.EnqueueAsync(Conn, [queued], default);
        await a.SetCursorAsync(Conn, "account", "link-1", default);
        await a.SetSecretAsync(Conn, "state.paused", "before", default);
        var link = new Link { Connection = Conn, Table = "account", DynamicsId = queued.DynamicsId, Status = SyncStatus.Pending };
        await a.UpsertLinksAsync([link], default);
        var held = await a.ClaimAsync(Conn, "account", 10, Lease, "a", default);
        // Instance a is cut off; its lease runs out and b takes the connection over.
        Time.Advance(LeaseFor);
        var current = (await store.TryAcquireLeaseAsync(Conn, "b", LeaseFor, default))!;

        var refusals = new Func<Task>[]
        {
            () => a.EnqueueAsync(Conn, [new WorkKey("account", Guid.NewGuid())], default),
            () => a.ClaimAsync(Conn, "account", 10, Lease, "a", default),
            () => a.CompleteAsync(held, default),
            () => a.ReleaseAsync(held, TimeSpan.Zero, default),
            () => a.DeferAsync(held, TimeSpan.Zero, default),
            () => a.UpsertLinksAsync([link with { Status = SyncStatus.Synced, XeroId = "x" }], default),
            () => a.SetCursorAsync(Conn, "account", "link-2", default),
            () => a.SetSecretAsync(Conn, "state.paused", "after", default),
        };
        foreach (var write in refusals)
        {
            var refused = await Assert.ThrowsAsync<LeaseLostException>(write);
            Assert.Equal(stale, refused.Lease);
        }

        Assert.Equal(1, (await store.CountPendingAsync(Conn, default))["account"]);
        Assert.Equal("link-1", await store.GetCursorAsync(Conn, "account", default));
        Assert.Equal("before", await store.GetSecretAsync(Conn, "state.paused", default));
        Assert.Equal(SyncStatus.Pending, (await store.GetLinksAsync(Conn, "account", [queued.DynamicsId], default))[queued.DynamicsId].Status);
        // The entry a claimed is still claimed (not completed, not released by a): b gets it when a's claim runs out.
        var b = store.Fenced(current);
        Assert.Empty(await b.ClaimAsync(Conn, "account", 10, Lease, "b", default));
        Time.Advance(Lease);
        Assert.Equal(queued.DynamicsId, Assert.Single(await b.ClaimAsync(Conn, "account", 10, Lease, "b", default)).DynamicsId);
        await b.SetCursorAsync(Conn, "account", "link-3", default);
        Assert.Equal("link-3", await store.GetCursorAsync(Conn, "account", default));
    }

    [Fact]
    public async Task Live_instances_are_those_announced_within_the_lease_duration()
    {
        var store = await MigratedAsync();

        Assert.Equal(1, await store.AnnounceInstanceAsync("a", LeaseFor, default));
        Assert.Equal(2, await store.AnnounceInstanceAsync("b", LeaseFor, default));
        Time.Advance(LeaseFor);
        var afterASilent = await store.AnnounceInstanceAsync("b", LeaseFor, default);
        await store.AnnounceInstanceAsync("c", LeaseFor, default);
        await store.RetireInstanceAsync("c", default);

        Assert.Equal(1, afterASilent);
        Assert.Equal(1, await store.AnnounceInstanceAsync("b", LeaseFor, default));
    }
}
