using System.CommandLine;
using D365Xero.Hosting;
using D365Xero.WriteBack;

namespace D365Xero.Cli.Commands;

/// <summary>
/// `provision`: the write-back columns, the payments table (<see cref="PaymentTable"/>), the Xero section on the main forms and the
/// Xero views, in the connector's solution,
/// published; safe to run again. `--dry-run` lists what it would add or change; `--remove` takes away what `provision` and
/// `register-webhooks` added (the columns too with `--columns`).
/// </summary>
public static class ProvisionCommand
{
    public static readonly Option<bool> DryRun = new("--dry-run") { Description = "List what would be added, changed or removed, and change nothing." };
    public static readonly Option<bool> Remove = new("--remove") { Description = "Take away the Xero sections, the Xero views (the payments subgrid and view too) and the webhook steps and endpoint." };
    public static readonly Option<bool> Columns = new("--columns") { Description = "With --remove: delete the write-back columns and the payments table too, and the Xero ids, statuses, errors and payments they hold." };

    public static Command Create()
    {
        var command = new Command("provision",
            "Create the write-back columns (Xero id, sync status, error, last synced, link) and the table of Xero payments linked to each sales order, put a read-only Xero section on each main form and add the views "
            + "'… with Xero sync errors' and '… not yet in Xero', in the connector's solution, and publish them.")
        {
            DryRun, Remove, Columns,
        };
        command.SetAction((parse, ct) => CommandHost.RunAsync(parse, ct, async (host, ct) =>
        {
            var (dryRun, remove, columns) = (parse.GetValue(DryRun), parse.GetValue(Remove), parse.GetValue(Columns));
            if (columns && !remove)
            {
                await Console.Error.WriteLineAsync("d365-xero: --columns goes with --remove (provision --remove --columns).");
                return 2;
            }
            foreach (var connection in host.Runtime.Connections)
            {
                var provisioning = new Provisioning(connection.Dataverse, connection.Columns, connection.Dataverse.Options.FormNames);
                var changes = remove
                    ? [.. await provisioning.RemoveAsync(columns, dryRun, ct),
                       .. (await WebhookRegistration.RemoveAsync(connection.Dataverse, dryRun, ct)).Select(w => new ProvisionChange("remove", w))]
                    : await provisioning.AddAsync(dryRun, ct);
                Console.WriteLine(changes.Count == 0
                    ? $"Connection '{connection.Name}': {(remove ? "nothing of the connector's is left to remove" : "everything is already in place; nothing changed")}."
                    : $"Connection '{connection.Name}':{string.Concat(changes.Select(c => $"{Environment.NewLine}  {(dryRun ? c.Planned : c.Done)}"))}");
                if (remove && !columns && !dryRun) Console.WriteLine("  The write-back columns, the payments table and what they hold are kept; `provision --remove --columns` deletes them.");
            }
            return 0;
        }));
        return command;
    }
}
