using System.CommandLine;
using D365Xero.Emulators.Dataverse;
using D365Xero.Emulators.Xero;

namespace D365Xero.Cli.Commands;

/// <summary>`emulate`: the two emulators on fixed loopback ports, until Ctrl-C.</summary>
public static class EmulateCommand
{
    public static readonly Option<string?> Seed = new("--seed")
    {
        Description = "Demo data: 'demo' for a small company, or a number N for the demo scaled to N accounts. Without it both start empty.",
    };

    public static readonly Option<string> DataverseUrl = new("--dataverse-url")
    {
        Description = "Where the Dataverse emulator listens.",
        DefaultValueFactory = _ => "http://127.0.0.1:5571",
    };

    public static readonly Option<string> XeroUrl = new("--xero-url")
    {
        Description = "Where the Xero emulator listens.",
        DefaultValueFactory = _ => "http://127.0.0.1:5572",
    };

    public static Command Create()
    {
        var command = new Command("emulate", "Run only the local Dataverse and Xero emulators (for tests and trials), until Ctrl-C.")
        {
            Seed, DataverseUrl, XeroUrl,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (EmulatorPair.SeedProblem(parse.GetValue(Seed)) is { } problem)
            {
                Console.Error.WriteLine($"d365-xero: {problem}");
                return 2;
            }
            await using var emulators = await EmulatorPair.StartAsync(parse.GetValue(Seed), parse.GetValue(DataverseUrl)!, parse.GetValue(XeroUrl)!, ct);
            emulators.Describe(Console.Out);
            Console.WriteLine("Press Ctrl-C to stop.");
            await WaitForCancellationAsync(ct);
            Console.WriteLine("Stopping the emulators.");
            return 0;
        });
        return command;
    }

    internal static async Task WaitForCancellationAsync(CancellationToken ct)
    {
        var stopped = new TaskCompletionSource();
        await using var registration = ct.Register(() => stopped.TrySetResult());
        await stopped.Task;
    }
}
