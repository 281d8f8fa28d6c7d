using System.Text.Json.Nodes;
using D365Xero.Configuration;
using D365Xero.Hosting;
using D365Xero.Journal;
using D365Xero.Sync;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace D365Xero.IntegrationTests;

/// <summary>
/// Upgrades: a store left by any earlier version of the schema (built by running only its first k
/// steps) keeps every link, cursor and secret when the connector starts on it, and the next sync
/// against the emulators updates what it linked instead of creating it again. Each step appended to
/// <see cref="StoreMigrations"/> adds a version here by itself; the current version is included,
/// so today (one step) this is the restart case.
/// </summary>
public sealed class StoreUpgradeTests
{
    private static readonly string[] CursorTables = ["account", "contact", "product", "salesorder", "salesorderdetail"];

    public static TheoryData<int> Versions()
    {
        var data = new TheoryData<int>();
        for (var k = 1; k <= StoreMigrations.Steps(StoreDialect.Sqlite).Count; k++) data.Add(k);
        return data;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_store_from_schema_version_k_upgrades_without_losing_links_or_cursors_and_syncs_without_duplicates(int k)
    {
        await using var h = await SyncHarness.StartAsync(dataverseSeed: "demo");
        await h.ProvisionAsync();
        await h.SyncOnceAsync();
        var links = await AllLinksAsync(h.Store);
        var cursors = await CursorsAsync(h.Store);
        Assert.NotEmpty(links);
        var path = Path.Combine(Path.GetTempPath(), $"d365xero-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            // The store as version k left it, holding what a version-1 store holds (the columns of step 1).
            await new SqlSyncStore(StoreDialect.Sqlite, $"Data Source={path}", TimeProvider.System).MigrateAsync(k, default);
            await WriteVersionOneRowsAsync(path, links, cursors);

            var upgraded = await SyncStoreFactory.OpenAsync(new StoreOptions { ConnectionString = $"Data Source={path}" }, TimeProvider.System, default);

            Assert.Equal(links, await AllLinksAsync(upgraded));
            Assert.Equal(cursors, await CursorsAsync(upgraded));
            Assert.Equal("kept", await upgraded.GetSecretAsync(h.Settings.Name, "upgrade.probe", default));

            var contactsBefore = await h.Xero.ContactsAsync();
            var renamed = links.First(l => l is { Table: "account", Status: SyncStatus.Synced });
            await h.Dynamics.UpdateAsync("accounts", renamed.DynamicsId, new JsonObject { ["name"] = "Renamed after upgrade" });
            await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Created after upgrade" });
            var connection = await ConnectionFactory.CreateAsync(h.Settings, upgraded, TimeProvider.System, NullLoggerFactory.Instance, default);
            await new SyncRunner(connection).RunOnceAsync(waitForRetries: false, default);

            var contactsAfter = await h.Xero.ContactsAsync();
            Assert.Equal(contactsBefore.Count + 1, contactsAfter.Count);
            var contact = contactsAfter.Single(c => c["ContactID"]!.GetValue<string>() == renamed.XeroId);
            Assert.Equal("Renamed after upgrade", contact["Name"]!.GetValue<string>());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    private static async Task<List<Link>> AllLinksAsync(ISyncStore store)
    {
        var all = new List<Link>();
        foreach (var status in Enum.GetValues<SyncStatus>())
            all.AddRange(await store.GetLinksByStatusAsync("default", status, int.MaxValue, default));
        return [.. all.OrderBy(l => l.Table, StringComparer.Ordinal).ThenBy(l => l.DynamicsId)];
    }

    private static async Task<Dictionary<string, string?>> CursorsAsync(ISyncStore store)
    {
        var cursors = new Dictionary<string, string?>();
        foreach (var table in CursorTables) cursors[table] = await store.GetCursorAsync("default", table, default);
        return cursors;
    }

    /// <summary>
    /// Rows in the columns of schema step 1, which every later version must still accept. A step that
    /// renames or drops one of these columns must give its versions their own rows here.
    /// </summary>
    private static async Task WriteVersionOneRowsAsync(string path, IEnumerable<Link> links, IReadOnlyDictionary<string, string?> cursors)
    {
        await using var db = new SqliteConnection($"Data Source={path}");
        await db.OpenAsync();
        await using var tx = await db.BeginTransactionAsync();
        foreach (var l in links)
        {
            await db.ExecuteAsync(
                """
                INSERT INTO links (connection, table_name, dynamics_id, xero_id, xero_number, payload_hash, status, last_error, synced_at, failed_attempts, detail)
                VALUES (@Connection, @Table, @DynamicsId, @XeroId, @XeroNumber, @PayloadHash, @Status, @LastError, @SyncedAt, @FailedAttempts, @Detail)
                """,
                new
                {
                    l.Connection, l.Table, DynamicsId = l.DynamicsId.ToString(), l.XeroId, l.XeroNumber, l.PayloadHash, Status = (int)l.Status,
                    l.LastError, SyncedAt = l.SyncedAt?.ToUnixTimeMilliseconds(), l.FailedAttempts, l.Detail,
                }, tx);
        }
        foreach (var (table, deltaLink) in cursors)
        {
            await db.ExecuteAsync("INSERT INTO cursors (connection, table_name, delta_link, updated_at) VALUES ('default', @table, @deltaLink, 0)",
                new { table, deltaLink }, tx);
        }
        await db.ExecuteAsync("INSERT INTO secrets (connection, name, value, updated_at) VALUES ('default', 'upgrade.probe', 'kept', 0)", transaction: tx);
        await tx.CommitAsync();
    }
}
