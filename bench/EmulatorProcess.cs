using System.Diagnostics;

namespace D365Xero.Bench;

/// <summary>
/// Both emulators in a child process (this program with <c>--emulators</c>), so the seed's memory and the
/// emulators' CPU never count against the connector measured in this process.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    /// <summary>
    /// Xero's minute, compressed: same ratios, a run takes seconds. Set per scenario before its emulators
    /// start (scenarios run one after another); the connector and the baseline pace to the same window.
    /// </summary>
    public static TimeSpan MinuteWindow { get; set; } = TimeSpan.FromSeconds(1);

    public const int MinuteLimit = 60;

    /// <summary>Calls made ÷ the calls <paramref name="organisations"/> organisations' minute limits allowed over <paramref name="elapsed"/>.</summary>
    public static double BudgetShare(long calls, TimeSpan elapsed, int organisations = 1) =>
        calls / (organisations * MinuteLimit * (elapsed / MinuteWindow));
    public const string ReadyPrefix = "EMULATORS";

    private readonly Process _process;

    private EmulatorProcess(Process process, Uri dataverse, Uri xero)
    {
        _process = process;
        DataverseUrl = dataverse;
        XeroUrl = xero;
    }

    public Uri DataverseUrl { get; }
    public Uri XeroUrl { get; }

    /// <summary>Starts the child and waits until both emulators listen (seeding happens before that).</summary>
    public static Task<EmulatorProcess> StartAsync(int seedAccounts, int xeroDayLimit, CancellationToken ct) =>
        StartAsync(seedAccounts.ToString(System.Globalization.CultureInfo.InvariantCulture), xeroDayLimit, ct);

    /// <summary>As above with the Dataverse emulator's seed spelled out ("demo", N, "accounts:N:contacts:K", "none").</summary>
    public static async Task<EmulatorProcess> StartAsync(string seed, int xeroDayLimit, CancellationToken ct)
    {
        var (exe, args) = BenchSelf.Command(["--emulators", seed, xeroDayLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ((long)MinuteWindow.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var info = new ProcessStartInfo(exe, args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the emulator process.");
        while (await process.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            if (!line.StartsWith(ReadyPrefix, StringComparison.Ordinal)) continue;
            var parts = line.Split(' ');
            // Keep draining its output so the child never blocks on a full pipe.
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            return new EmulatorProcess(process, new Uri(parts[1]), new Uri(parts[2]));
        }
        throw new InvalidOperationException($"The emulator process exited ({process.ExitCode}) before it listened.");
    }

    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
