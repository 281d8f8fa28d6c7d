using System.Diagnostics;
using System.Text;

namespace D365Xero.ReliabilityTests.Support;

/// <summary>What a finished child process left behind.</summary>
public sealed record ConnectorRun(int ExitCode, string Output, bool Killed);

/// <summary>
/// The connector as an operator runs it: <c>dotnet d365-xero.dll …</c> in a process of its own,
/// configured only by environment variables, so a kill is a real SIGKILL of a real process.
/// </summary>
public sealed class ConnectorProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ConnectorProcess(Process process) => _process = process;

    /// <summary>The CLI's build output beside this test's own: same configuration, same target framework.</summary>
    public static string DllPath { get; } = LocateDll();

    public int Id => _process.Id;

    public static ConnectorProcess Start(IReadOnlyDictionary<string, string> environment, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // Nothing of the test runner's own configuration leaks into the child.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Dataverse__") || k.StartsWith("Xero__") || k.StartsWith("Store__")
                     || k.StartsWith("Sync__") || k.StartsWith("Connections__") || k.StartsWith("Webhook__") || k.StartsWith("Logging__")).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ConnectorProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs to the end (or kills at <paramref name="timeout"/>, which fails the caller's assertions).</summary>
    public static async Task<ConnectorRun> RunAsync(IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var child = Start(environment, workingDirectory, args);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await child.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return await child.KillAsync();
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no finally blocks, no lease released.</summary>
    public async Task<ConnectorRun> KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        await _process.WaitForExitAsync();
        return new ConnectorRun(_process.ExitCode, Output, Killed: true);
    }

    public async Task<ConnectorRun> WaitAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct);
        return new ConnectorRun(_process.ExitCode, Output, Killed: false);
    }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static string LocateDll()
    {
        // …/tests/D365Xero.ReliabilityTests/bin/{Configuration}/net10.0/ → …/src/D365Xero.Cli/bin/{Configuration}/net10.0/d365-xero.dll
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "d365-xero.slnx"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"No d365-xero.slnx above {AppContext.BaseDirectory}.");
        var dll = Path.Combine(root.FullName, "src", "D365Xero.Cli", "bin", configuration, framework, "d365-xero.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/D365Xero.Cli first ({configuration}); expected {dll}.", dll);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        _process.Dispose();
    }
}
