using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace D365Xero.Bench;

/// <summary>
/// Issue 16's whole-process comparison: one `d365-xero sync --once` process, start-up and exit included, for
/// 2,000 accounts with 2 contacts each (nothing else in Dynamics), at Xero's real 60-second minute (40 calls,
/// within one minute's allowance, so the real minute costs no wall time). The executable is the one users
/// install: the linux-x64 single-file publish (publish profile linux-x64), published here first (not
/// measured) unless <c>--cli PATH</c> names another build. Its columns are provisioned first (not measured).
/// CPU and peak RSS are what the kernel accounted to the process (<see cref="ChildRusage"/>).
/// </summary>
public static partial class CompareScenario
{
    public static readonly TimeSpan RealMinute = TimeSpan.FromMinutes(1);

    public sealed record Figures(string Name, int Accounts, int ContactsEach, long Rows, ChildRusage.Result Process, int XeroCalls, int Xero429, int DataverseCalls, string Note);

    public static async Task<(Figures Ours, Figures? Baseline)> RunAsync(int accounts, int contactsEach, string? cli, bool withBaseline, Action<string> log, CancellationToken ct)
    {
        EmulatorProcess.MinuteWindow = RealMinute;
        var exe = cli ?? await PublishAsync(log, ct);
        var ours = await MeasureAsync("d365-xero sync --once", accounts, contactsEach, log, ct, async (emulators, store) =>
            await ChildRusage.RunAsync(exe, ["sync", "--once"], CliEnvironment(emulators, store), ct));
        var baseline = !withBaseline ? null : await MeasureAsync("minimal batched process", accounts, contactsEach, log, ct, async (emulators, _) =>
            await Baseline.BatchedProcess.RunAsync(emulators, ct));
        return (ours with { Note = $"{exe}; {ours.Note}" }, baseline);
    }

    private static async Task<Figures> MeasureAsync(string name, int accounts, int contactsEach, Action<string> log, CancellationToken ct,
        Func<EmulatorProcess, string, Task<ChildRusage.Result>> run)
    {
        log($"compare ({name}): seeding {accounts:N0} accounts with {contactsEach} contacts each in the emulator process…");
        await using var emulators = await EmulatorProcess.StartAsync($"accounts:{accounts}:contacts:{contactsEach}", xeroDayLimit: 5000, ct);
        using var stats = new EmulatorStats(emulators.DataverseUrl, emulators.XeroUrl);
        // Provisioning (the xero_* columns) is `provision`'s job, done once before any sync: not measured.
        await using (var setup = await ConnectorSetup.OpenAsync(emulators, ct)) await setup.ProvisionAsync(ct);
        var store = Path.Combine(Path.GetTempPath(), $"d365xero-compare-{Guid.NewGuid():N}.db");
        await stats.ResetAsync(ct);
        log($"compare ({name}): running…");
        try
        {
            var result = await run(emulators, store);
            var counts = await stats.ReadAsync(ct);
            var rows = CreatedContacts().Match(result.Output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
            log($"  exit {result.ExitCode}; CPU {result.Cpu.TotalSeconds:F2} s (user {result.User.TotalSeconds:F2}, sys {result.System.TotalSeconds:F2}), peak RSS {result.PeakRssMb:F0} MB, "
                + $"wall {result.Wall.TotalSeconds:F2} s; {rows} contacts created");
            log($"  Xero by operation: {counts.XeroByOperation.ToJsonString()}");
            log($"  Dataverse by operation: {counts.DataverseByOperation.ToJsonString()}");
            if (result.ExitCode != 0 || rows != accounts)
            {
                log("  its output:");
                foreach (var line in result.Output.Split('\n').TakeLast(40)) log("    " + line);
            }
            return new Figures(name, accounts, contactsEach, rows, result, counts.XeroCalls, counts.Xero429, counts.DataverseCalls,
                $"exit {result.ExitCode}; Xero minute 60 s; Dataverse 429s {counts.Dataverse429}");
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(store + suffix);
        }
    }

    /// <summary>The summary line `sync --once` prints for accounts; the baseline prints the same words.</summary>
    [GeneratedRegex(@"Accounts → Xero contacts: (\d+) created")]
    private static partial Regex CreatedContacts();

    /// <summary>The settings a user sets, as environment variables (README: configuration), pointed at the emulators.</summary>
    private static Dictionary<string, string> CliEnvironment(EmulatorProcess emulators, string store)
    {
        var dataverse = emulators.DataverseUrl.ToString().TrimEnd('/');
        var xero = emulators.XeroUrl.ToString().TrimEnd('/');
        return new Dictionary<string, string>
        {
            ["Dataverse__Url"] = dataverse,
            ["Dataverse__AuthorityUrl"] = dataverse,
            ["Dataverse__TenantId"] = "sandbox",
            ["Dataverse__ClientId"] = "sandbox",
            ["Dataverse__ClientSecret"] = "sandbox",
            ["Xero__ApiUrl"] = xero,
            ["Xero__IdentityUrl"] = xero,
            ["Xero__ClientId"] = "sandbox",
            ["Xero__ClientSecret"] = "sandbox",
            ["Store__Provider"] = "Sqlite",
            ["Store__ConnectionString"] = $"Data Source={store}",
        };
    }

    /// <summary>`dotnet publish src/D365Xero.Cli -p:PublishProfile=linux-x64`, as the README tells users to; incremental when nothing changed.</summary>
    private static async Task<string> PublishAsync(Action<string> log, CancellationToken ct)
    {
        var root = RepositoryRoot();
        var project = Path.Combine(root, "src", "D365Xero.Cli");
        log("compare: publishing d365-xero (publish profile linux-x64; not measured)…");
        var clock = Stopwatch.StartNew();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "publish", project, "-p:PublishProfile=linux-x64", "-nologo", "-v", "quiet" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed:\n{await output}{await errors}");
        var exe = Path.Combine(project, "bin", "publish", "linux-x64", "d365-xero");
        log($"compare: published {exe} ({new FileInfo(exe).Length / 1048576.0:F0} MB) in {clock.Elapsed.TotalSeconds:F0} s");
        return exe;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "d365-xero.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (d365-xero.slnx) was not found above the bench.");
    }
}
