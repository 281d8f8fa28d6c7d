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
        command.SetAction((parse, ct) => CommandHost.RunAsync(parse, ct, async (host, ct) =>
        {
            var runtime = host.Runtime;
            foreach (var connection in runtime.Connections)
            {
                var count = await FailedRows.RequeueAsync(runtime.Store, connection.Name, ct);
                Console.WriteLine($"Connection '{connection.Name}': {count} failed rows queued again.");
            }
            return 0;
        }));
        return command;
    }
}
