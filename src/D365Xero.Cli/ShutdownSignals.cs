using System.Runtime.InteropServices;
using D365Xero.Hosting;

namespace D365Xero.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM as a cancellation of the verb, not a crash: the verb hands back the work
/// in flight (no attempt counted), and the process ends with one line and the shell's convention for a
/// signal, 128 + its number: 130 for SIGINT, 143 for SIGTERM
/// (https://tldp.org/LDP/abs/html/exitcodes.html). A verb that is still running after
/// <see cref="Grace"/> is ended with the same code.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    /// <summary>How long a verb has to stop after the signal.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    public ShutdownSignals()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>The runtime the verb opened, so the last line can say how many rows wait; set by the verbs that open one.</summary>
    public static ConnectorRuntime? Runtime { get; set; }

    /// <summary>Cancelled when a signal arrives.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM; null while no signal has arrived.</summary>
    public int? ExitCode => Volatile.Read(ref _signal) switch { 0 => null, 2 => 130, _ => 143 };

    /// <summary>Set by a verb whose normal end is a signal (serve under a service manager): it gets its own time to stop.</summary>
    public bool NoForcedExit { get; set; }

    /// <summary>The one line a stopped verb ends with: how many rows wait for the next run, when the store can say.</summary>
    public static async Task<string> StoppedLineAsync()
    {
        if (Runtime is not { } runtime) return "d365-xero: stopped.";
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            long waiting = 0;
            foreach (var connection in runtime.Connections)
                waiting += (await runtime.Store.CountPendingAsync(connection.Name, timeout.Token)).Values.Sum();
            return $"d365-xero: stopped; {waiting} rows wait for the next run.";
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or System.Data.Common.DbException)
        {
            return "d365-xero: stopped; the rows not sent wait for the next run.";
        }
    }

    private void Handle(PosixSignalContext context)
    {
        // The verb stops itself; the runtime's default (ending the process at once) would lose the hand-back.
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _signal, context.Signal == PosixSignal.SIGINT ? 2 : 15, 0) != 0) return;
        _cancel.Cancel();
        if (NoForcedExit) return;
        var code = ExitCode!.Value;
        _ = Task.Delay(Grace).ContinueWith(_ =>
        {
            Console.Error.WriteLine($"d365-xero: stopped (the verb had not ended {Grace.TotalSeconds:0} s after the signal).");
            Environment.Exit(code);
        }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cancel.Dispose();
    }
}
