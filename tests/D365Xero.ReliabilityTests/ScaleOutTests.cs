using System.Diagnostics;
using System.Text.Json.Nodes;
using D365Xero.Journal;
using D365Xero.ReliabilityTests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 8: three `serve` instances share one PostgreSQL store and six connections (six Dataverse
/// organisations, six Xero organisations: an emulator pair each). They divide the connections two
/// each; one instance is SIGKILLed mid-back-fill; its connections are taken over by the others once
/// its leases run out, and every Xero organisation ends with exactly what its Dynamics holds.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Connections = 6;
    private const int Instances = 3;
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    private readonly string _schema = $"scaleout_{Guid.NewGuid():N}";
    private readonly List<Rig> _rigs = [];
    private string _server = "";
    private string _store = "";

    public async Task InitializeAsync()
    {
        // A missing server fails the test rather than skipping it (scripts/test.sh starts one).
        _server = Environment.GetEnvironmentVariable("D365XERO_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("D365XERO_TEST_POSTGRES is not set: run `eval \"$(scripts/postgres.sh start)\"` first.");
        _store = new NpgsqlConnectionStringBuilder(_server) { SearchPath = _schema }.ConnectionString;
        await ExecuteAsync($"CREATE SCHEMA {_schema}");
    }

    public async Task DisposeAsync()
    {
        foreach (var rig in _rigs) await rig.DisposeAsync();
        if (_store.Length == 0) return;
        await using (var pooled = new NpgsqlConnection(_store)) NpgsqlConnection.ClearPool(pooled);
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }

    [Fact]
    public async Task Three_instances_share_six_connections_and_a_killed_ones_connections_resume_on_the_others_with_nothing_lost_or_doubled()
    {
        for (var i = 0; i < Connections; i++)
        {
            var rig = await Rig.StartAsync(dataverseSeed: "150");
            _rigs.Add(rig);
            await rig.ProvisionAsync();
            // Every Xero call takes a while, so the back-fill lasts long enough to kill an instance in the middle of it;
            // the minute budget is widened so the test's own reads of Xero never throttle the connector.
            await rig.Xero.ControlAsync("faults", new JsonObject { ["delayMs"] = 400 });
            await rig.Xero.ControlAsync("limits", new JsonObject { ["minuteLimit"] = 1000 });
        }
        var store = new SqlSyncStore(StoreDialect.Postgres, _store, TimeProvider.System);
        await store.MigrateAsync(default);
        var names = Enumerable.Range(0, Connections).Select(i => $"org{i}").ToList();

        var clock = Stopwatch.StartNew();
        var instances = Enumerable.Range(1, Instances)
            .Select(n => ConnectorProcess.Start(InstanceEnvironment($"i{n}"), _rigs[0].Folder, "serve")).ToList();
        try
        {
            // Each instance settles on its fair share, ceil(6 ÷ 3) = 2.
            var spread = await WaitForAsync(store, TimeSpan.FromSeconds(45), leases =>
                leases.Count(l => l.Live) == Connections && leases.GroupBy(l => l.Holder).All(g => g.Count() == 2) && leases.Select(l => l.Holder).Distinct().Count() == Instances);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: spread {Describe(spread)}");
            Assert.True(spread is not null, Outputs(instances));

            // The victim: the instance holding the connection with the most back-fill still to do.
            var pending = new Dictionary<string, long>();
            foreach (var name in names) pending[name] = (await store.CountPendingAsync(name, default)).Values.Sum();
            var busiest = names.OrderByDescending(n => pending[n]).First();
            var victimId = spread!.Single(l => l.Connection == busiest).Holder!;
            var orphaned = spread.Where(l => l.Holder == victimId).ToDictionary(l => l.Connection, l => l.Fence);
            output.WriteLine($"pending at the kill: {string.Join(", ", pending.Select(p => $"{p.Key} {p.Value}"))}; killing {victimId} ({string.Join(", ", orphaned.Keys)})");
            Assert.True(pending[busiest] > 0, "the back-fill finished before the kill; slow the emulators down");
            var killedAt = Stopwatch.StartNew();
            await instances[int.Parse(victimId[1..]) - 1].KillAsync();

            // Its connections come back under the others, each with a larger fence, once its leases run out.
            var resumed = await WaitForAsync(store, TimeSpan.FromSeconds(30), leases => orphaned.All(o =>
                leases.Single(l => l.Connection == o.Key) is { Live: true } l && l.Holder != victimId && l.Fence > o.Value));
            var takeover = killedAt.Elapsed;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: resumed after {takeover.TotalSeconds:0.0} s: {Describe(resumed)}");
            Assert.True(resumed is not null, Outputs(instances));
            // Lease duration, plus a renewal round for the survivors to see the victim gone, plus a loaded machine's slack.
            Assert.True(takeover < LeaseDuration * 3, $"takeover took {takeover.TotalSeconds:0.0} s");
            Assert.Equal(2, resumed!.Select(l => l.Holder).Distinct().Count());

            // Every connection is worked to the end: all read, nothing left in the journal.
            var done = await WaitForDoneAsync(store, names, TimeSpan.FromSeconds(90));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: back-fill done: {done}");
            Assert.True(done, Outputs(instances));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.KillAsync();
                instance.Dispose();
            }
        }

        for (var i = 0; i < Connections; i++)
        {
            await CrashSafetyTests.WaitForQuietXeroAsync(_rigs[i]);
            var state = await EndState.ReadAsync(_rigs[i]);
            output.WriteLine($"{names[i]}: {state}");
            Assert.True(state.IsExact, $"{names[i]}: {state}");
            Assert.Equal(150, state.Accounts);
        }
    }

    /// <summary>
    /// One instance's configuration: the six connections in <c>Connections__n__…</c> form (each rig's own
    /// keys beneath), the shared store, and its own id.
    /// </summary>
    private Dictionary<string, string> InstanceEnvironment(string id)
    {
        var environment = new Dictionary<string, string>
        {
            ["Store__Provider"] = "Postgres",
            ["Store__ConnectionString"] = _store,
            ["Instance__Id"] = id,
            ["Instance__LeaseDuration"] = LeaseDuration.ToString("c"),
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging__LogLevel__D365Xero.Hosting"] = "Information",
        };
        for (var i = 0; i < _rigs.Count; i++)
        {
            environment[$"Connections__{i}__Name"] = $"org{i}";
            foreach (var (key, value) in _rigs[i].Environment.Where(kv => kv.Key.StartsWith("Dataverse__") || kv.Key.StartsWith("Xero__") || kv.Key.StartsWith("Sync__")))
                environment[$"Connections__{i}__{key}"] = value;
            // Small batches: more calls, so each back-fill lasts a few seconds.
            environment[$"Connections__{i}__Xero__BatchSize"] = "5";
            // One batch at a time: the back-fill then outlasts the instances settling their shares even on a fast machine.
            environment[$"Connections__{i}__Sync__Parallelism"] = "1";
        }
        return environment;
    }

    private sealed record Holding(string Connection, string? Holder, long Fence, bool Live);

    private static async Task<List<Holding>?> WaitForAsync(ISyncStore store, TimeSpan timeout, Func<List<Holding>, bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var now = DateTimeOffset.UtcNow;
            var leases = (await store.ReadLeasesAsync(default))
                .Select(l => new Holding(l.Connection, l.Holder, l.Fence, l.Holder is not null && l.ExpiresAt > now)).ToList();
            if (condition(leases)) return leases;
            await Task.Delay(200);
        }
        return null;
    }

    private static async Task<bool> WaitForDoneAsync(ISyncStore store, IReadOnlyList<string> names, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var done = true;
            foreach (var name in names)
            {
                done &= (await store.CountPendingAsync(name, default)).Count == 0
                    && await store.GetCursorAsync(name, "account", default) is not null
                    && await store.GetCursorAsync(name, "salesorder", default) is not null;
            }
            if (done) return true;
            await Task.Delay(500);
        }
        return false;
    }

    private static string Describe(IEnumerable<Holding>? leases) =>
        leases is null ? "(timed out)" : string.Join(", ", leases.OrderBy(l => l.Connection).Select(l => $"{l.Connection}→{l.Holder}#{l.Fence}"));

    private static string Outputs(IEnumerable<ConnectorProcess> instances) =>
        string.Join("\n----\n", instances.Select(i => i.Output.Length > 6000 ? i.Output[^6000..] : i.Output));

    private async Task ExecuteAsync(string sql)
    {
        await using var db = new NpgsqlConnection(_server);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }
}
