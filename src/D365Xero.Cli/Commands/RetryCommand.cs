using System.CommandLine;
using D365Xero.Journal;
using D365Xero.Sync;

namespace D365Xero.Cli.Commands;

/// <summary>`retry`: put every failed row back in the queue (the next sync sends it again).</summary>
public static class RetryCommand
{
    public static Command Create()
    {
        var command = new Command("retry", "Re-queue every row that failed, so the next sync tries it again.");
        command.SetAction(async (parse, ct) =>
        {
            var configuration = CommandHost.Configuration(parse);
            using var logs = CommandHost.Logging(configuration);
            var runtime = await CommandHost.OpenAsync(configuration, logs, ct);
            foreach (var connection in runtime.Connections)
            {
                var count = await FailedRows.RequeueAsync(runtime.Store, connection.Name, ct);
                Console.WriteLine($"Connection '{connection.Name}': {count} failed rows queued again.");
            }
            return 0;
        });
        return command;
    }
}
