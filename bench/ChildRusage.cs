using System.Diagnostics;
using System.Globalization;

namespace D365Xero.Bench;

/// <summary>
/// Runs a whole process and reads what the kernel accounted to it when it was reaped: user + system CPU and
/// peak resident memory (<c>getrusage</c>'s ru_utime, ru_stime, ru_maxrss, see getrusage(2) and wait4(2)), through
/// GNU time (<c>/usr/bin/time -f</c>). Exact, nothing polls, start-up and exit included. The small C program
/// in between matters: .NET starts children with vfork, and the kernel carries the parent's peak into a vforked
/// child's ru_maxrss at exec (fs/exec.c, exec_mmap), so measured straight from this process a child would report
/// at least this process's own peak. GNU time forks, so its child starts from time's own 2 MB.
/// </summary>
public static class ChildRusage
{
    public const string TimePath = "/usr/bin/time";

    public sealed record Result(int ExitCode, TimeSpan Wall, TimeSpan User, TimeSpan System, double PeakRssMb, string Output)
    {
        public TimeSpan Cpu => User + System;
    }

    public static async Task<Result> RunAsync(string exe, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        if (!File.Exists(TimePath)) throw new InvalidOperationException($"{TimePath} (GNU time, Debian package `time`) is needed to measure a whole process.");
        var report = Path.Combine(Path.GetTempPath(), $"d365xero-bench-rusage-{Guid.NewGuid():N}.txt");
        var info = new ProcessStartInfo(TimePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Elapsed (s), user (s), system (s), peak RSS (KB): GNU time's %e %U %S %M, to a file of its own.
        foreach (var a in new[] { "-f", "%e %U %S %M", "-o", report, exe }.Concat(args)) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {exe}.");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var output = await stdout + await stderr;
            var parts = (await File.ReadAllLinesAsync(report, ct)).Last().Split(' ');
            double At(int i) => double.Parse(parts[i], CultureInfo.InvariantCulture);
            return new Result(process.ExitCode, TimeSpan.FromSeconds(At(0)), TimeSpan.FromSeconds(At(1)), TimeSpan.FromSeconds(At(2)), At(3) / 1024.0, output);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
