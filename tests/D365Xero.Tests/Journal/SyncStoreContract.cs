using D365Xero.Journal;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.Tests.Journal;

/// <summary>
/// The behaviour every store provider must have. Each provider's test class derives from this and
/// supplies a real store (a SQLite file, a PostgreSQL database).
/// </summary>
public abstract partial class SyncStoreContract
{
    protected readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private const string Conn = "default";

    protected abstract Task<ISyncStore> CreateStoreAsync();

    private async Task<ISyncStore> MigratedAsync()
    {
        var store = await CreateStoreAsync();
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task Many_changes_to_one_row_collapse_into_one_entry()
    {
        var store = await MigratedAsync();
        var id = Guid.NewGuid();
        for (var i = 0; i < 5; i++) await store.EnqueueAsync(Conn, [new WorkKey("account", id)], default);

        var claimed = await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default);

        Assert.Single(claimed);
        Assert.Equal(id, claimed[0].DynamicsId);
    }

    [Fact]
    public async Task Claims_take_the_longest_waiting_first()
    {
        var store = await MigratedAsync();
        var ids = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        // Queued newest-to-oldest by time: the last queued has waited longest (its delay was shortest).
        for (var i = 0; i < ids.Count; i++) await store.EnqueueAsync(Conn, [new WorkKey("account", ids[i])], default, TimeSpan.FromSeconds(ids.Count - i));
        Time.Advance(TimeSpan.FromSeconds(10));

        var first = await store.ClaimAsync(Conn, "account", 4, Lease, "w1", default);
        var rest = await store.ClaimAsync(Conn, "account", 4, Lease, "w1", default);

        Assert.Equal(Enumerable.Reverse(ids).Take(4), first.Select(i => i.DynamicsId));
        Assert.Equal(Enumerable.Reverse(ids).Skip(4), rest.Select(i => i.DynamicsId));
    }

    [Fact]
    public async Task A_claimed_entry_is_not_claimed_twice_until_its_lease_runs_out()
    {
        var store = await MigratedAsync();
        await store.EnqueueAsync(Conn, [new WorkKey("account", Guid.NewGuid())], default);

        var first = await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default);
        var second = await store.ClaimAsync(Conn, "account", 10, Lease, "w2", default);
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var afterLease = await store.ClaimAsync(Conn, "account", 10, Lease, "w2", default);

        Assert.Single(first);
        Assert.Empty(second);
        Assert.Single(afterLease);
    }

    [Fact]
    public async Task Completing_removes_the_entry()
    {
        var store = await MigratedAsync();
        await store.EnqueueAsync(Conn, [new WorkKey("account", Guid.NewGuid())], default);
        var claimed = await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default);

        await store.CompleteAsync(claimed, default);

        Assert.Empty(await store.CountPendingAsync(Conn, default));
        Time.Advance(Lease * 2);
        Assert.Empty(await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default));
    }

    [Fact]
    public async Task A_change_that_arrives_while_claimed_keeps_the_entry_queued()
    {
        var store = await MigratedAsync();
        var key = new WorkKey("account", Guid.NewGuid());
        await store.EnqueueAsync(Conn, [key], default);
        var claimed = await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default);

        await store.EnqueueAsync(Conn, [key], default);
        await store.CompleteAsync(claimed, default);

        var again = await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default);
        Assert.Single(again);
        Assert.True(again[0].Generation > claimed[0].Generation);
    }

    [Fact]
    public async Task Deferred_entries_wait_their_delay_without_counting_an_attempt()
    {
        var store = await MigratedAsync();
        await store.EnqueueAsync(Conn, [new WorkKey("account", Guid.NewGuid())], default);
        var claimed = await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default);
        await store.ReleaseAsync(claimed, TimeSpan.Zero, default);
        claimed = await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default);

        await store.DeferAsync(claimed, TimeSpan.FromSeconds(30), default);

        Assert.Empty(await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default));
        Time.Advance(TimeSpan.FromSeconds(30));
        var again = await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default);
        Assert.Equal(1, Assert.Single(again).Attempts); // the one release, not the deferral
    }

    [Fact]
    public async Task Released_entries_wait_their_delay_and_count_an_attempt()
    {
        var store = await MigratedAsync();
        await store.EnqueueAsync(Conn, [new WorkKey("account", Guid.NewGuid())], default);
        var claimed = await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default);

        await store.ReleaseAsync(claimed, TimeSpan.FromSeconds(30), default);

        Assert.Empty(await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default));
        Assert.Equal(Time.GetUtcNow().AddSeconds(30), await store.NextAvailableAsync(Conn, default));
        Time.Advance(TimeSpan.FromSeconds(30));
        var again = await store.ClaimAsync(Conn, "account", 10, Lease, "w1", default);
        Assert.Equal(1, Assert.Single(again).Attempts);
    }

    [Fact]
    public async Task Claims_are_per_table_and_per_connection_and_limited_to_max()
    {
        var store = await MigratedAsync();
        await store.EnqueueAsync(Conn, Enumerable.Range(0, 7).Select(_ => new WorkKey("account", Guid.NewGuid())), default);
        await store.EnqueueAsync(Conn, [new WorkKey("contact", Guid.NewGuid())], default);
        await store.EnqueueAsync("other", [new WorkKey("account", Guid.NewGuid())], default);

        var claimed = await store.ClaimAsync(Conn, "account", 5, Lease, "w1", default);

        Assert.Equal(5, claimed.Count);
        Assert.All(claimed, c => Assert.Equal(("default", "account"), (c.Connection, c.Table)));
        var pending = await store.CountPendingAsync(Conn, default);
        Assert.Equal(7, pending["account"]);
        Assert.Equal(1, pending["contact"]);
    }

    [Fact]
    public async Task Links_round_trip_and_are_counted_by_status()
    {
        var store = await MigratedAsync();
        var synced = new Link
        {
            Connection = Conn, Table = "account", DynamicsId = Guid.NewGuid(), XeroId = Guid.NewGuid().ToString(),
            PayloadHash = "abc", Status = SyncStatus.Synced, SyncedAt = Time.GetUtcNow(), Detail = "{\"people\":[]}",
        };
        var failed = synced with { DynamicsId = Guid.NewGuid(), XeroId = null, Status = SyncStatus.Error, LastError = "Name taken", FailedAttempts = 2 };

        await store.UpsertLinksAsync([synced, failed], default);
        await store.UpsertLinksAsync([synced with { PayloadHash = "def" }], default);

        var links = await store.GetLinksAsync(Conn, "account", [synced.DynamicsId, failed.DynamicsId, Guid.NewGuid()], default);
        Assert.Equal(2, links.Count);
        Assert.Equal(synced with { PayloadHash = "def" }, links[synced.DynamicsId]);
        Assert.Equal(failed, links[failed.DynamicsId]);
        Assert.Equal(synced.DynamicsId, (await store.FindLinkByXeroIdAsync(Conn, "account", synced.XeroId!, default))?.DynamicsId);
        Assert.Equal("Name taken", Assert.Single(await store.GetLinksByStatusAsync(Conn, SyncStatus.Error, 10, default)).LastError);
        var counts = await store.CountLinksAsync(Conn, default);
        Assert.Contains(new LinkCount("account", SyncStatus.Synced, 1), counts);
        Assert.Contains(new LinkCount("account", SyncStatus.Error, 1), counts);
    }

    [Fact]
    public async Task Links_are_found_many_at_a_time_by_their_Xero_ids_within_one_table()
    {
        var store = await MigratedAsync();
        Link Order(string xeroId, string table = "salesorder") => new() { Connection = Conn, Table = table, DynamicsId = Guid.NewGuid(), XeroId = xeroId, Status = SyncStatus.Synced };
        var first = Order("0b1e5c9a-0000-4000-8000-000000000001");
        var second = Order("0b1e5c9a-0000-4000-8000-000000000002");
        var otherTable = Order("0b1e5c9a-0000-4000-8000-000000000003", "account");
        await store.UpsertLinksAsync([first, second, otherTable], default);

        var found = await store.GetLinksByXeroIdsAsync(Conn, "salesorder",
            [first.XeroId!, second.XeroId!, otherTable.XeroId!, "0b1e5c9a-0000-4000-8000-00000000ffff"], default);

        Assert.Equal(2, found.Count);
        Assert.Equal(first.DynamicsId, found[first.XeroId!].DynamicsId);
        Assert.Equal(second.DynamicsId, found[second.XeroId!].DynamicsId);
        Assert.Empty(await store.GetLinksByXeroIdsAsync("another", "salesorder", [first.XeroId!], default));
        Assert.Empty(await store.GetLinksByXeroIdsAsync(Conn, "salesorder", [], default));
    }

    [Fact]
    public async Task Any_text_survives_a_link_round_trip()
    {
        // Errors quote what Xero and Dynamics said, names and all: quotes, backslashes, new lines, accents, emoji.
        var store = await MigratedAsync();
        var text = "Contact \"Café 😀 <Ltd> & Co\"\\ C:\\path\nline 2\t'quoted' \u2028 end";
        var link = new Link
        {
            Connection = Conn, Table = "account", DynamicsId = Guid.NewGuid(), Status = SyncStatus.Error,
            LastError = text, Detail = "{\"Suffix\":\" (😀)\"}", SyncedAt = Time.GetUtcNow(),
        };

        await store.UpsertLinksAsync([link], default);

        Assert.Equal(link, (await store.GetLinksAsync(Conn, "account", [link.DynamicsId], default))[link.DynamicsId]);
    }

    [Fact]
    public async Task Cursors_and_secrets_are_kept_per_connection()
    {
        var store = await MigratedAsync();

        await store.SetCursorAsync(Conn, "account", "link-1", default);
        await store.SetCursorAsync(Conn, "account", "link-2", default);
        await store.SetSecretAsync(Conn, "xero.grant", "secret-1", default);

        Assert.Equal("link-2", await store.GetCursorAsync(Conn, "account", default));
        Assert.Null(await store.GetCursorAsync("other", "account", default));
        Assert.Equal("secret-1", await store.GetSecretAsync(Conn, "xero.grant", default));
        await store.SetCursorAsync(Conn, "account", null, default);
        Assert.Null(await store.GetCursorAsync(Conn, "account", default));
    }

    [Fact]
    public async Task Migrating_again_keeps_everything()
    {
        var store = await MigratedAsync();
        await store.SetCursorAsync(Conn, "account", "link-1", default);
        await store.EnqueueAsync(Conn, [new WorkKey("account", Guid.NewGuid())], default);

        await store.MigrateAsync(default);

        Assert.Equal("link-1", await store.GetCursorAsync(Conn, "account", default));
        Assert.Equal(1, (await store.CountPendingAsync(Conn, default))["account"]);
    }
}
