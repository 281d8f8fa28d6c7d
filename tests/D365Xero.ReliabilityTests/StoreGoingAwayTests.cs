using System.Diagnostics;
using System.Text.Json.Nodes;
using D365Xero.Journal;
using D365Xero.ReliabilityTests.Support;
using Xunit.Abstractions;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 19, the store going away: PostgreSQL dropping every connection and refusing new ones for a while under
/// a running `serve` (a restart, as its clients see it); one of two instances cut off from PostgreSQL while it
/// holds the lease and has Xero calls in flight; a SQLite file that cannot be written. Nothing lost, nothing sent twice.
/// </summary>
public sealed class StoreGoingAwayTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_read_only_sqlite_store_stops_a_run_with_one_line_naming_the_file_and_nothing_is_lost_once_it_is_writable()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        for (var i = 0; i < 5; i++) await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Before {i}" });
        Assert.Equal(0, (await rig.RunAsync(TimeSpan.FromSeconds(60), "sync", "--once")).ExitCode);
        for (var i = 0; i < 5; i++) await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"After {i}" });
        var file = Path.Combine(rig.Folder, "store.db");

        ConnectorRun refused;
        using (ReadOnly(file)) refused = await rig.RunAsync(TimeSpan.FromSeconds(60), "sync", "--once");
        output.WriteLine($"read-only: exit {refused.ExitCode}\n{refused.Output}");
        var again = await rig.RunAsync(TimeSpan.FromSeconds(60), "sync", "--once");
        output.WriteLine($"writable again: exit {again.ExitCode}\n{again.Output}");

        Assert.False(refused.Killed);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains($"The store {file} cannot be written", refused.Output);
        Assert.DoesNotContain("   at ", refused.Output);
        Assert.Equal(0, again.ExitCode);
        var contacts = await rig.Xero.ContactsAsync();
        Assert.Equal(10, contacts.Count);
        Assert.Equal(10, contacts.Select(c => c["ContactNumber"]?.GetValue<string>()).Distinct().Count());
        Assert.Equal(10, (await rig.StatusAsync()).Tables.Single(t => t.Table == "account").Synced);
    }

    [Fact]
    public async Task Postgres_going_away_under_serve_and_coming_back_loses_nothing_and_sends_nothing_twice()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        await using var rig = await SlowRigAsync(100);
        await using var relay = TcpRelay.Start(schema.Port);
        var store = new SqlSyncStore(StoreDialect.Postgres, schema.ConnectionString, TimeProvider.System);
        await store.MigrateAsync(default);
        using var serve = ConnectorProcess.Start(Serve(rig, schema.Through(relay.Port), "restarted"), rig.Folder, "serve");

        await WaitForAsync(async () => await SyncedAsync(store) >= 20, TimeSpan.FromSeconds(60), serve);
        relay.Cut();
        var synced = await SyncedAsync(store);
        await Task.Delay(LeaseDuration * 2); // longer than a lease: the instance loses it, then takes it back
        relay.Restore();
        await WaitForAsync(async () => (await store.CountPendingAsync("default", default)).Count == 0 && await SyncedAsync(store) == 100,
            TimeSpan.FromSeconds(90), serve);

        Assert.False(serve.HasExited, serve.Output);
        await serve.KillAsync();
        await CrashSafetyTests.WaitForQuietXeroAsync(rig);
        var state = await EndState.ReadAsync(rig);
        output.WriteLine($"{synced} of 100 synced when the store went away for {LeaseDuration.TotalSeconds * 2:0} s; {relay.Accepted} store connections in all; {state}");
        output.WriteLine(Tail(serve.Output));
        Assert.True(state.IsExact, state.ToString());
        Assert.Equal(100, state.Accounts);
        Assert.DoesNotContain("   at ", serve.Output);
    }

    [Fact]
    public async Task An_instance_cut_off_from_postgres_mid_batch_stops_working_and_the_other_finishes_with_no_duplicate()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        await using var rig = await SlowRigAsync(100);
        await using var relay = TcpRelay.Start(schema.Port);
        var store = new SqlSyncStore(StoreDialect.Postgres, schema.ConnectionString, TimeProvider.System);
        await store.MigrateAsync(default);
        using var cutOff = ConnectorProcess.Start(Serve(rig, schema.Through(relay.Port), "cut-off"), rig.Folder, "serve");
        await WaitForAsync(async () => (await store.ReadLeasesAsync(default)).Any(l => l.Holder == "cut-off") && await SyncedAsync(store) >= 10,
            TimeSpan.FromSeconds(60), cutOff);
        using var other = ConnectorProcess.Start(Serve(rig, schema.ConnectionString, "other"), rig.Folder, "serve");

        // Cut while its batch is in flight: Xero holds every answer for 400 ms.
        var inFlight = await rig.Xero.StatsAsync();
        relay.Cut();
        var clock = Stopwatch.StartNew();
        await WaitForAsync(async () => (await store.ReadLeasesAsync(default)).Any(l => l.Holder == "other"), TimeSpan.FromSeconds(30), other);
        var takeover = clock.Elapsed;
        await WaitForAsync(async () => (await store.CountPendingAsync("default", default)).Count == 0 && await SyncedAsync(store) == 100,
            TimeSpan.FromSeconds(90), other);
        var xeroCallsAfter = rig.XeroProxy.Requests.Count;
        await Task.Delay(LeaseDuration);

        await cutOff.KillAsync();
        await other.KillAsync();
        await CrashSafetyTests.WaitForQuietXeroAsync(rig);
        var state = await EndState.ReadAsync(rig);
        output.WriteLine($"cut with {inFlight["inFlight"]} Xero calls in flight; taken over after {takeover.TotalSeconds:0.0} s; {state}");
        output.WriteLine("cut-off instance:\n" + Tail(cutOff.Output));
        Assert.True(state.IsExact, state.ToString());
        Assert.Equal(100, state.Accounts);
        Assert.InRange(takeover, TimeSpan.Zero, LeaseDuration * 4);
        Assert.Equal(xeroCallsAfter, rig.XeroProxy.Requests.Count); // the cut-off instance sent nothing more
    }

    private static async Task<Rig> SlowRigAsync(int accounts)
    {
        var rig = await Rig.StartAsync(dataverseSeed: accounts.ToString());
        await rig.ProvisionAsync();
        await rig.Xero.ControlAsync("faults", new JsonObject { ["delayMs"] = 400 });
        await rig.Xero.ControlAsync("limits", new JsonObject { ["minuteLimit"] = 1000 });
        return rig;
    }

    private static Dictionary<string, string> Serve(Rig rig, string store, string id) => new(rig.Environment)
    {
        ["Store__Provider"] = "Postgres",
        ["Store__ConnectionString"] = store,
        ["Instance__Id"] = id,
        ["Instance__LeaseDuration"] = LeaseDuration.ToString("c"),
        ["Urls"] = "http://127.0.0.1:0",
        ["Xero__BatchSize"] = "5",
        ["Logging__LogLevel__D365Xero.Hosting"] = "Information",
    };

    private static async Task<long> SyncedAsync(ISyncStore store) =>
        (await store.CountLinksAsync("default", default)).Where(c => c.Table == "account" && c.Status == SyncStatus.Synced).Sum(c => c.Count);

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, ConnectorProcess watched)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"not reached in {timeout.TotalSeconds:0} s:\n{Tail(watched.Output)}");
            await Task.Delay(200);
        }
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;

    /// <summary>The file read-only even for root (chmod does not stop root; an immutable file does).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static IDisposable ReadOnly(string file)
    {
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var immutable = Environment.UserName == "root" && Run("chattr", "+i", file);
        return new Undo(() =>
        {
            if (immutable) Run("chattr", "-i", file);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        });
    }

    private static bool Run(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
