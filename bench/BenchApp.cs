using System.Globalization;

namespace D365Xero.Bench;

/// <summary>
/// Runs the selected scenarios (all by default), each for the connector and for the per-record baseline,
/// prints progress to standard error, the table, and last the JSON line to standard output.
/// </summary>
public static class BenchApp
{
    private static readonly string[] All = ["backfill", "stream", "live", "memory", "compare"];

    /// <summary>Run only when named: it needs a PostgreSQL server (see <see cref="ScaleOutBackfill"/>).</summary>
    private static readonly string[] Named = ["scaleout"];

    public static async Task<int> RunAsync(string[] args)
    {
        var selected = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !TakesValue(args[i - 1]))).ToList();
        if (selected.Count == 0) selected = [.. All];
        var unknown = selected.Except(All).Except(Named).ToList();
        if (unknown.Count > 0 || args.Contains("--help"))
        {
            Console.Error.WriteLine($"usage: bench [{string.Join('|', All.Concat(Named))}]… [--accounts N] [--baseline-accounts N] [--memory-accounts N] [--scaleout-accounts N] [--scaleout-batch N]"
                + " [--compare-accounts N] [--compare-contacts N] [--cli PATH]"
                + " [--backfill-minute-ms N] [--stream-minute-ms N] [--memory-minute-ms N] [--no-baseline]");
            return unknown.Count > 0 ? 2 : 0;
        }
        var accounts = Option(args, "--accounts", 10_000);
        var baselineAccounts = Option(args, "--baseline-accounts", 200);
        var memoryAccounts = Option(args, "--memory-accounts", 100_000);
        // Xero's minute as each scenario compresses it. The back-fill's is long enough (6 calls a second)
        // that Xero's budget, not this 2-core machine's Dataverse emulator, is what work waits for, as it is
        // at Xero's real 60 a minute; the stream and the memory run keep a one-second minute (60 a second).
        var windows = new Dictionary<string, TimeSpan>
        {
            ["backfill"] = TimeSpan.FromMilliseconds(Option(args, "--backfill-minute-ms", 10_000)),
            ["stream"] = TimeSpan.FromMilliseconds(Option(args, "--stream-minute-ms", 1_000)),
            ["memory"] = TimeSpan.FromMilliseconds(Option(args, "--memory-minute-ms", 1_000)),
            // Bursts and sustained streams at Xero's real minute: what pacing decides is only visible there.
            ["live"] = TimeSpan.FromMinutes(1),
        };
        // For profiling the connector alone; the figures the issue asks for always come with their baseline.
        var withBaseline = !args.Contains("--no-baseline");
        var ct = CancellationToken.None;
        void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

        if (selected.SequenceEqual(Named))
        {
            var perConnection = Option(args, "--scaleout-accounts", 200);
            var batch = Option(args, "--scaleout-batch", 2);
            var one = await ScaleOutBackfill.RunAsync(1, perConnection, batch, Log, ct);
            var three = await ScaleOutBackfill.RunAsync(3, perConnection, batch, Log, ct);
            Console.WriteLine(ScaleOutReport.Table(one, three, perConnection, batch));
            Console.WriteLine(ScaleOutReport.Json(one, three));
            return 0;
        }
        if (selected.Intersect(Named).Any())
        {
            Console.Error.WriteLine("scaleout runs on its own: `bench scaleout`.");
            return 2;
        }
        if (selected.Count > 1)
        {
            // Several scenarios: each in a process of its own, so none is measured with what another left behind.
            var options = args.Where(a => !selected.Contains(a)).ToList();
            var parts = new List<System.Text.Json.Nodes.JsonObject>();
            foreach (var scenario in selected) parts.Add(await ScenarioProcess.RunAsync(scenario, options, ct));
            Console.WriteLine(ScenarioProcess.Merge(parts).ToJsonString());
            return 0;
        }
        var results = new List<(string, ScenarioFigures, ScenarioFigures?)>();
        (CompareScenario.Figures Ours, CompareScenario.Figures? Baseline)? compare = null;
        foreach (var scenario in selected)
        {
            if (scenario == "compare")
            {
                // Xero's real minute: 2,000 accounts are 40 calls, within one minute's 60.
                Log("compare: a whole `sync --once` process at Xero's real 60 s minute");
                compare = await CompareScenario.RunAsync(Option(args, "--compare-accounts", 2_000), Option(args, "--compare-contacts", 2), StringOption(args, "--cli"), withBaseline, Log, ct);
                continue;
            }
            EmulatorProcess.MinuteWindow = windows[scenario];
            Log($"{scenario}: Xero's minute compressed to {EmulatorProcess.MinuteWindow.TotalSeconds:0.##} s ({EmulatorProcess.MinuteLimit} calls per window)");
            switch (scenario)
            {
                case "backfill":
                    var ours = await ConnectorBackfill.RunAsync(accounts, Log, ct);
                    var baseline = withBaseline ? await Baseline.BaselineBackfill.RunAsync(baselineAccounts, accounts, Log, ct) : null;
                    results.Add(($"backfill_{accounts / 1000}k", ours, baseline));
                    break;
                case "stream":
                    results.Add(("stream_10_per_s", await ConnectorStream.RunAsync(Log, ct), withBaseline ? await Baseline.BaselineStream.RunAsync(Log, ct) : null));
                    break;
                case "live":
                    results.Add(("live_burst_then_20_per_s",
                        await ConnectorLive.RunAsync(ConnectorLive.Burst, ConnectorLive.PerSecond, ConnectorLive.Duration, Log, ct),
                        withBaseline ? await Baseline.BaselineLive.RunAsync(Log, ct) : null));
                    break;
                case "memory":
                    var big = await ConnectorBackfill.RunAsync(memoryAccounts, Log, ct);
                    var scaled = withBaseline ? await Baseline.BaselineBackfill.RunAsync(baselineAccounts, memoryAccounts, Log, ct) : null;
                    results.Add(($"backfill_{memoryAccounts / 1000}k_memory", big, scaled));
                    break;
            }
        }
        if (results.Count > 0) Console.WriteLine(Report.Table(results));
        if (compare is { } c) Console.WriteLine(CompareReport.Table(c.Ours, c.Baseline));
        var json = Report.Json(results);
        if (compare is { } d)
        {
            json["scenarios"]!.AsObject()[CompareReport.Name(d.Ours)] = CompareReport.Json(d.Ours);
            if (d.Baseline is not null) json["baseline"]!.AsObject()[CompareReport.Name(d.Ours)] = CompareReport.Json(d.Baseline);
        }
        Console.WriteLine(json.ToJsonString());
        return 0;
    }

    private static bool TakesValue(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg is not ("--no-baseline" or "--help");

    private static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? Path.GetFullPath(args[i + 1]) : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
