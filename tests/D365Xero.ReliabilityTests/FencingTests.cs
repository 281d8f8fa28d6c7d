using D365Xero.Hosting.Web;
using D365Xero.Journal;
using D365Xero.ReliabilityTests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 8: an instance that was cut off while another took its connection over cannot write once it
/// is back, and stops working the connection, leaving the new holder's lease alone.
/// </summary>
public sealed class FencingTests
{
    [Fact]
    public async Task A_serving_instance_whose_connection_was_taken_over_has_its_writes_refused_and_lets_the_connection_go()
    {
        await using var rig = await Rig.StartAsync(dataverseSeed: "5");
        await rig.ProvisionAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runtime = await rig.OpenAsync(new Dictionary<string, string> { ["Instance__Id"] = "a" }, time);
        var workers = new ConnectorWorkers(runtime, new WorkSignal(), new ServeSettings(), NullLogger<ConnectorWorkers>.Instance);
        await workers.StartAsync(default);
        try
        {
            await PollAsync(() => workers.Working.Count == 1, time: null);
            var before = Assert.Single(await runtime.Store.ReadLeasesAsync(default));
            Assert.Equal("a", before.Holder);

            // While a could not reach the store its lease ran out, and b took the connection (a larger fence).
            await using (var db = new SqliteConnection(rig.Environment["Store__ConnectionString"]))
            {
                await db.OpenAsync();
                await using var steal = db.CreateCommand();
                steal.CommandText = "UPDATE leases SET holder = 'b', fence = fence + 1, expires_at = expires_at + 600000";
                Assert.Equal(1, await steal.ExecuteNonQueryAsync());
            }

            // a is back: whatever its worker writes now is refused and changes nothing …
            var store = runtime.Connections[0].Store;
            var cursor = await store.GetCursorAsync("default", "account", default);
            var refused = await Assert.ThrowsAsync<LeaseLostException>(() => store.SetCursorAsync("default", "account", "stale", default));
            Assert.Equal("a", refused.Lease.Holder);
            Assert.Equal(cursor, await store.GetCursorAsync("default", "account", default));
            // … and at its next renewal it learns it lost the connection, and stops working it.
            await PollAsync(() => workers.Working.Count == 0, time);
        }
        finally
        {
            await workers.StopAsync(CancellationToken.None);
        }
        var after = Assert.Single(await runtime.Store.ReadLeasesAsync(default));
        Assert.Equal("b", after.Holder); // a's graceful stop did not release b's lease
    }

    /// <summary>Bounded polling on the workers' state; with a fake clock, each round moves it on by a renewal period (1 s).</summary>
    private static async Task PollAsync(Func<bool> condition, FakeTimeProvider? time)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            time?.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
        Assert.True(condition());
    }
}
