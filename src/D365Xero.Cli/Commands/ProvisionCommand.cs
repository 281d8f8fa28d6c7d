using System.CommandLine;
using D365Xero.WriteBack;

namespace D365Xero.Cli.Commands;

/// <summary>`provision`: create and publish the write-back columns; safe to run again.</summary>
public static class ProvisionCommand
{
    public static Command Create()
    {
        var command = new Command("provision", "Create the write-back columns (Xero id, sync status, error, last synced, link) on the Dynamics tables and publish them.");
        command.SetAction((parse, ct) => CommandHost.RunAsync(parse, ct, async (host, ct) =>
        {
            var runtime = host.Runtime;
            foreach (var connection in runtime.Connections)
            {
                var created = await new ColumnProvisioner(connection.Dataverse, connection.Columns).ProvisionAsync(ct);
                Console.WriteLine(created.Count == 0
                    ? $"Connection '{connection.Name}': every write-back column is already there."
                    : $"Connection '{connection.Name}': created and published {created.Count} columns: {string.Join(", ", created)}");
            }
            return 0;
        }));
        return command;
    }
}
