using System.CommandLine;
using D365Xero.Hosting;

namespace D365Xero.Cli.Commands;

/// <summary>`backfill`: the first full sync (change tracking's first read returns every row).</summary>
public static class BackfillCommand
{
    public static Command Create()
    {
        var command = new Command("backfill", "The first full sync of everything that exists in Dynamics, then a summary of what was created, matched and failed.");
        command.SetAction(async (parse, ct) =>
        {
            var configuration = CommandHost.Configuration(parse);
            using var logs = CommandHost.Logging(configuration);
            var runtime = await CommandHost.OpenAsync(configuration, logs, ct);
            var outcomes = await SyncSession.RunAsync(runtime, waitForRetries: true, ct);
            foreach (var outcome in outcomes) SummaryPrinter.Print(Console.Out, outcome);
            return SyncCommand.ExitCode(outcomes);
        });
        return command;
    }
}
