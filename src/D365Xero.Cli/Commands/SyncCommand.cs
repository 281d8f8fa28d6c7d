using System.CommandLine;
using D365Xero.Hosting;

namespace D365Xero.Cli.Commands;

/// <summary>`sync --once`: drain every pending change and exit; 0 only when every row is synced.</summary>
public static class SyncCommand
{
    public static readonly Option<bool> Once = new("--once")
    {
        Description = "Capture and send every pending change, then exit: 0 when all rows synced, 1 when any row failed, 2 when a connection is paused or skipped because another instance (e.g. `serve`) holds its lease, 3 when a service stayed unavailable for Sync:OutageGiveUp (default 2 minutes) or Xero's daily limit is spent (nothing failed; the rows wait for the next run); 130 or 143 when stopped by Ctrl-C or SIGTERM.",
    };

    public static Command Create()
    {
        var command = new Command("sync", "Send pending Dynamics changes to Xero (with --once: drain and exit; without: keep polling until Ctrl-C).") { Once };
        command.SetAction((parse, ct) => CommandHost.RunAsync(parse, ct, (host, ct) =>
            parse.GetValue(Once) ? DrainAsync(host.Runtime, ct) : PollUntilStoppedAsync(host.Runtime, ct)));
        return command;
    }

    /// <summary>`--once`: every pending change sent, a summary per connection, the exit code from what happened.</summary>
    private static async Task<int> DrainAsync(ConnectorRuntime runtime, CancellationToken ct)
    {
        var outcomes = await SyncSession.RunAsync(runtime, waitForRetries: true, ct);
        foreach (var outcome in outcomes) SummaryPrinter.Print(Console.Out, outcome);
        return ExitCode(outcomes);
    }

    public static int ExitCode(IEnumerable<SyncSession.Outcome> outcomes)
    {
        var list = outcomes.ToList();
        if (list.Any(o => o.PausedReason is not null || o.SkippedReason is not null)) return 2;
        if (list.Any(o => o.UnavailableReason is not null)) return 3;
        return list.Any(o => o.FailedRows > 0) ? 1 : 0;
    }

    internal static async Task<int> PollUntilStoppedAsync(ConnectorRuntime runtime, CancellationToken ct)
    {
        var interval = runtime.Connections.Min(c => c.Options.PollInterval);
        Console.WriteLine($"Polling Dynamics every {interval.TotalSeconds:0.#} s; Ctrl-C stops.");
        try
        {
            while (!ct.IsCancellationRequested)
            {
                foreach (var outcome in await SyncSession.RunAsync(runtime, waitForRetries: false, ct))
                {
                    if (outcome.PausedReason is not null) Console.Error.WriteLine($"Connection '{outcome.Connection.Name}' is paused: {outcome.PausedReason}");
                    if (outcome.SkippedReason is not null) Console.Error.WriteLine($"Connection '{outcome.Connection.Name}': {outcome.SkippedReason}");
                    if (outcome.UnavailableReason is not null) Console.Error.WriteLine($"Connection '{outcome.Connection.Name}': {outcome.UnavailableReason}");
                }
                await Task.Delay(interval, TimeProvider.System, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C: claimed work not completed becomes visible again after its lease.
        }
        return 0;
    }
}
