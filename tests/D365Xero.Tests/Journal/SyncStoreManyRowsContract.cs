using D365Xero.Journal;

namespace D365Xero.Tests.Journal;

/// <summary>
/// Writes of many rows, each one statement on every provider, and cancellation: every call hands
/// its token to the database.
/// </summary>
public abstract partial class SyncStoreContract
{
    [Fact]
    public async Task Many_links_go_in_one_call_and_a_row_named_twice_keeps_its_last_link()
    {
        var store = await MigratedAsync();
        var links = Enumerable.Range(0, 500).Select(i => new Link
        {
            Connection = Conn, Table = "account", DynamicsId = Guid.NewGuid(), XeroId = $"x{i}", XeroNumber = $"N-{i}",
            PayloadHash = $"h{i}", Status = i % 2 == 0 ? SyncStatus.Synced : SyncStatus.Error, LastError = i % 2 == 0 ? null : $"e{i}",
            SyncedAt = Time.GetUtcNow().AddSeconds(i), FailedAttempts = i % 3, Detail = i % 5 == 0 ? null : $"{{\"n\":{i}}}",
        }).ToList();
        var repeated = links[7] with { PayloadHash = "last", Status = SyncStatus.Pending };

        await store.UpsertLinksAsync([.. links, repeated], default);
        await store.UpsertLinksAsync([links[3] with { XeroId = "changed" }, links[4]], default);

        var read = await store.GetLinksAsync(Conn, "account", [.. links.Select(l => l.DynamicsId)], default);
        Assert.Equal(500, read.Count);
        Assert.Equal(repeated, read[repeated.DynamicsId]);
        Assert.Equal("changed", read[links[3].DynamicsId].XeroId);
        Assert.All(links.Where(l => l.DynamicsId != repeated.DynamicsId && l.DynamicsId != links[3].DynamicsId),
            l => Assert.Equal(l, read[l.DynamicsId]));
    }

    [Fact]
    public async Task Many_keys_go_in_one_call_and_are_completed_released_and_deferred_together()
    {
        var store = await MigratedAsync();
        var keys = Enumerable.Range(0, 300).Select(i => new WorkKey(i % 2 == 0 ? "account" : "contact", Guid.NewGuid())).ToList();

        await store.EnqueueAsync(Conn, [.. keys, .. keys.Take(50)], default);

        var pending = await store.CountPendingAsync(Conn, default);
        Assert.Equal((150, 150), (pending["account"], pending["contact"]));
        var accounts = await store.ClaimAsync(Conn, "account", 1000, Lease, "w1", default);
        var contacts = await store.ClaimAsync(Conn, "contact", 1000, Lease, "w1", default);
        Assert.Equal((150, 150), (accounts.Count, contacts.Count));
        await store.EnqueueAsync(Conn, [.. keys.Where(k => k.Table == "account").Take(10)], default); // changed while claimed
        await store.CompleteAsync(accounts, default);
        await store.ReleaseAsync(contacts.Take(100), TimeSpan.FromSeconds(5), default);
        await store.DeferAsync(contacts.Skip(100), TimeSpan.FromSeconds(5), default);

        pending = await store.CountPendingAsync(Conn, default);
        Assert.Equal((10, 150), (pending["account"], pending["contact"]));
        Assert.Empty(await store.ClaimAsync(Conn, "contact", 1000, Lease, "w1", default));
        Time.Advance(TimeSpan.FromSeconds(5));
        var again = await store.ClaimAsync(Conn, "contact", 1000, Lease, "w1", default);
        Assert.Equal((100, 50), (again.Count(i => i.Attempts == 1), again.Count(i => i.Attempts == 0)));
    }

    [Fact]
    public async Task A_cancelled_token_stops_every_call_and_nothing_is_written()
    {
        var store = await MigratedAsync();
        var lease = (await store.TryAcquireLeaseAsync(Conn, "a", LeaseFor, default))!;
        var fenced = store.Fenced(lease);
        var cancelled = new CancellationToken(canceled: true);
        var link = new Link { Connection = Conn, Table = "account", DynamicsId = Guid.NewGuid(), Status = SyncStatus.Synced };

        var calls = new Func<Task>[]
        {
            () => fenced.EnqueueAsync(Conn, [new WorkKey("account", Guid.NewGuid())], cancelled),
            () => fenced.ClaimAsync(Conn, "account", 10, Lease, "a", cancelled),
            () => fenced.UpsertLinksAsync([link], cancelled),
            () => fenced.SetCursorAsync(Conn, "account", "link", cancelled),
            () => fenced.SetSecretAsync(Conn, "name", "value", cancelled),
            () => store.CountPendingAsync(Conn, cancelled),
            () => store.GetLinksAsync(Conn, "account", [link.DynamicsId], cancelled),
            () => store.GetCursorAsync(Conn, "account", cancelled),
            () => store.RenewLeaseAsync(lease, LeaseFor, cancelled),
            () => store.MigrateAsync(cancelled),
        };
        foreach (var call in calls) await Assert.ThrowsAnyAsync<OperationCanceledException>(call);

        Assert.Empty(await store.CountPendingAsync(Conn, default));
        Assert.Empty(await store.GetLinksAsync(Conn, "account", [link.DynamicsId], default));
        Assert.Null(await store.GetCursorAsync(Conn, "account", default));
        Assert.Null(await store.GetSecretAsync(Conn, "name", default));
    }
}
