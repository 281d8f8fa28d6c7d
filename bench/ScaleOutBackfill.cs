using System.Diagnostics;
using System.Globalization;
using D365Xero.Configuration;
using D365Xero.Hosting;
using D365Xero.Hosting.Web;
using D365Xero.Journal;
using D365Xero.WriteBack;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace D365Xero.Bench;

/// <summary>
/// Issue 8: six connections (six emulator pairs, each Xero organisation with its own limit) back-filled
/// by `serve`'s lease-taking workers on one PostgreSQL store: once with one instance holding all six,
/// once with three instances holding two each (in this process, as three runtimes with their own
/// Instance:Id). The store comes from <c>D365XERO_BENCH_POSTGRES</c> or <c>D365XERO_TEST_POSTGRES</c>.
/// </summary>
public static class ScaleOutBackfill
{
    public const int Connections = 6;

    /// <summary>Xero's minute, compressed less than in the other scenarios so that each organisation's own limit (60 a window) paces its back-fill.</summary>
    public static readonly TimeSpan MinuteWindow = TimeSpan.FromSeconds(10);

    public sealed record Figures(int Instances, long Rows, long XeroCalls, long Http429, TimeSpan Elapsed, double MinuteBudgetUsed)
    {
        public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
    }

    public static async Task<Figures> RunAsync(int instances, int accountsPerConnection, int batchSize, Action<string> log, CancellationToken ct)
    {
        var server = Environment.GetEnvironmentVariable("D365XERO_BENCH_POSTGRES") is { Length: > 0 } b ? b
            : Environment.GetEnvironmentVariable("D365XERO_TEST_POSTGRES") is { Length: > 0 } t ? t
            : throw new InvalidOperationException("Set D365XERO_BENCH_POSTGRES (or `eval \"$(scripts/postgres.sh start)\"`) for the scaleout scenario.");
        EmulatorProcess.MinuteWindow = MinuteWindow;
        var schema = $"bench_{Guid.NewGuid():N}";
        var store = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        await ExecuteAsync(server, $"CREATE SCHEMA {schema}", ct);
        var emulators = new List<EmulatorProcess>();
        try
        {
            log($"scaleout, {instances} instance(s): seeding {Connections} × {accountsPerConnection:N0} accounts…");
            for (var i = 0; i < Connections; i++) emulators.Add(await EmulatorProcess.StartAsync(accountsPerConnection, 5000, ct));
            var runtimes = new List<ConnectorRuntime>();
            for (var n = 1; n <= instances; n++) runtimes.Add(await OpenAsync(emulators, store, $"bench-{n}", batchSize, ct));
            foreach (var connection in runtimes[0].Connections)
                await new ColumnProvisioner(connection.Dataverse, connection.Columns).ProvisionAsync(ct);
            var stats = emulators.Select(e => new EmulatorStats(e.DataverseUrl, e.XeroUrl)).ToList();
            foreach (var s in stats) await s.ResetAsync(ct);

            log($"scaleout, {instances} instance(s): back-filling…");
            var clock = Stopwatch.StartNew();
            var workers = runtimes.Select(r => new ConnectorWorkers(r, new WorkSignal(), new ServeSettings(), NullLogger<ConnectorWorkers>.Instance)).ToList();
            foreach (var w in workers) await w.StartAsync(ct);
            await WaitForDoneAsync(runtimes[0], ct);
            var elapsed = clock.Elapsed;
            foreach (var w in workers) await w.StopAsync(CancellationToken.None);

            long rows = 0, calls = 0, http429 = 0;
            foreach (var c in runtimes[0].Connections)
                rows += (await runtimes[0].Store.CountLinksAsync(c.Name, ct))
                    .Where(l => l.Table is "account" or "product" or "salesorder" && l.Status == SyncStatus.Synced).Sum(l => l.Count);
            foreach (var s in stats)
            {
                var counts = await s.ReadAsync(ct);
                calls += counts.XeroCalls;
                http429 += counts.Xero429;
                s.Dispose();
            }
            var figures = new Figures(instances, rows, calls, http429, elapsed, EmulatorProcess.BudgetShare(calls, elapsed, Connections));
            log($"  {figures.Rows:N0} rows in {elapsed.TotalSeconds:F1} s ({figures.RowsPerSecond:F0} rows/s), {calls:N0} Xero calls, {http429} 429s");
            return figures;
        }
        finally
        {
            foreach (var e in emulators) await e.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP SCHEMA IF EXISTS {schema} CASCADE", CancellationToken.None);
        }
    }

    /// <summary>One instance: the six connections as `serve` reads them from <c>Connections:n:…</c>, its own id, the shared store.</summary>
    private static async Task<ConnectorRuntime> OpenAsync(IReadOnlyList<EmulatorProcess> emulators, string store, string id, int batchSize, CancellationToken ct)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres",
            ["Store:ConnectionString"] = store,
            ["Instance:Id"] = id,
            ["Instance:LeaseDuration"] = "00:00:06",
        };
        for (var i = 0; i < emulators.Count; i++)
        {
            var p = $"Connections:{i}:";
            var dataverse = emulators[i].DataverseUrl.ToString().TrimEnd('/');
            var xero = emulators[i].XeroUrl.ToString().TrimEnd('/');
            settings[p + "Name"] = $"org{i}";
            settings[p + "Dataverse:Url"] = dataverse;
            settings[p + "Dataverse:AuthorityUrl"] = dataverse;
            settings[p + "Dataverse:TenantId"] = "sandbox";
            settings[p + "Dataverse:ClientId"] = "sandbox";
            settings[p + "Dataverse:ClientSecret"] = "sandbox";
            settings[p + "Xero:ApiUrl"] = xero;
            settings[p + "Xero:IdentityUrl"] = xero;
            settings[p + "Xero:ClientId"] = "sandbox";
            settings[p + "Xero:ClientSecret"] = "sandbox";
            settings[p + "Xero:MinuteWindow"] = MinuteWindow.ToString("c");
            settings[p + "Xero:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture);
        }
        var configuration = ConnectorConfiguration.Build(null, settings);
        return await ConnectorRuntime.OpenAsync(configuration, TimeProvider.System, NullLoggerFactory.Instance, ct);
    }

    /// <summary>Done: every connection's change tracking read and nothing left in its journal.</summary>
    private static async Task WaitForDoneAsync(ConnectorRuntime runtime, CancellationToken ct)
    {
        while (true)
        {
            var done = true;
            foreach (var c in runtime.Connections)
            {
                done &= (await runtime.Store.CountPendingAsync(c.Name, ct)).Count == 0
                    && await runtime.Store.GetCursorAsync(c.Name, "account", ct) is not null
                    && await runtime.Store.GetCursorAsync(c.Name, "salesorder", ct) is not null;
            }
            if (done) return;
            await Task.Delay(250, ct);
        }
    }

    private static async Task ExecuteAsync(string server, string sql, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(server);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync(ct);
    }
}
