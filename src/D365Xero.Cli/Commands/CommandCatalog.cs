using System.CommandLine;

namespace D365Xero.Cli.Commands;

/// <summary>Every verb, in the order `--help` lists them.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
    [
        SandboxCommand.Create(),
        EmulateCommand.Create(),
        ServeCommand.Create(),
        SyncCommand.Create(),
        BackfillCommand.Create(),
        ReconcileCommand.Create(),
        StatusCommand.Create(),
        RetryCommand.Create(),
        CheckCommand.Create(),
        ConnectCommand.Create(),
        ProvisionCommand.Create(),
        RegisterWebhooksCommand.Create(),
    ];
}
