using D365Xero.Journal;

namespace D365Xero.Tests.Journal;

/// <summary>The journal look the pacing decides by: ready rows, the oldest ready change, recent arrivals.</summary>
public abstract partial class SyncStoreContract
{
    [Fact]
    public async Task A_look_counts_ready_rows_dates_the_oldest_and_counts_unclaimed_arrivals_since_a_time()
    {
        var store = await MigratedAsync();
        var start = Time.GetUtcNow();
        await store.EnqueueAsync(Conn, [new WorkKey("account", Guid.NewGuid())], default);
        Time.Advance(TimeSpan.FromSeconds(2));
        await store.EnqueueAsync(Conn, [new WorkKey("account", Guid.NewGuid()), new WorkKey("account", Guid.NewGuid())], default);
        // Not ready: due in a minute (a delayed backstop, a retry's wait), so not an arrival either.
        await store.EnqueueAsync(Conn, [new WorkKey("account", Guid.NewGuid())], default, TimeSpan.FromMinutes(1));
        await store.EnqueueAsync(Conn, [new WorkKey("product", Guid.NewGuid())], default);
        Time.Advance(TimeSpan.FromSeconds(1));

        var look = await store.LookAsync(Conn, start + TimeSpan.FromSeconds(1), default);

        Assert.Equal(new JournalLook(4, 3, start, 2), look["account"]);
        Assert.Equal(new JournalLook(1, 1, start + TimeSpan.FromSeconds(2), 1), look["product"]);

        // A claimed row is neither ready nor a recent arrival any more; its enqueue time comes with the claim.
        var claimed = await store.ClaimAsync(Conn, "account", 1, Lease, "w1", default);
        var after = await store.LookAsync(Conn, start + TimeSpan.FromSeconds(1), default);

        Assert.Equal(start, Assert.Single(claimed).EnqueuedAt);
        Assert.True(claimed[0].Arrived);
        Assert.Equal(new JournalLook(4, 2, start + TimeSpan.FromSeconds(2), 2), after["account"]);
    }

    [Fact]
    public async Task A_later_change_to_a_queued_row_keeps_its_first_enqueue_time()
    {
        var store = await MigratedAsync();
        var id = Guid.NewGuid();
        var first = Time.GetUtcNow();
        await store.EnqueueAsync(Conn, [new WorkKey("account", id)], default);
        Time.Advance(TimeSpan.FromSeconds(5));
        await store.EnqueueAsync(Conn, [new WorkKey("account", id)], default);

        var look = await store.LookAsync(Conn, first + TimeSpan.FromSeconds(1), default);

        Assert.Equal(new JournalLook(1, 1, first, 0), look["account"]);
    }

    [Fact]
    public async Task A_change_to_a_row_waiting_for_later_arrives_now()
    {
        var store = await MigratedAsync();
        var id = Guid.NewGuid();
        var start = Time.GetUtcNow();
        // The poll's backstop queues it for later; a webhook for the same row makes it a live change, dated now.
        await store.EnqueueAsync(Conn, [new WorkKey("account", id)], default, TimeSpan.FromSeconds(6));
        Time.Advance(TimeSpan.FromSeconds(4));
        await store.EnqueueAsync(Conn, [new WorkKey("account", id)], default);

        var look = await store.LookAsync(Conn, start + TimeSpan.FromSeconds(1), default);

        Assert.Equal(new JournalLook(1, 1, start + TimeSpan.FromSeconds(4), 1), look["account"]);
    }
}
