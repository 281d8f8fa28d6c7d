using System.CommandLine;
using D365Xero.Cli.Commands;
using Microsoft.Extensions.Options;

namespace D365Xero.Cli;

/// <summary>The verbs of <c>d365-xero</c>; each lives in its own file under Commands/.</summary>
public static class CliApp
{
    /// <summary>Reads one more configuration file on top of appsettings.json and the environment.</summary>
    public static readonly Option<FileInfo?> Config = new("--config")
    {
        Description = "A JSON configuration file read after appsettings.json (environment variables still win). Every setting is checked before a verb starts: a wrong one stops it with one line naming the key, the value and what is allowed (exit code 2).",
        Recursive = true,
    };

    /// <summary>
    /// Runs a command line. A failure the user can act on (a wrong setting, a refused credential, a
    /// missing column, a service that is down) is one clear line on stderr and exit code 2, not a stack trace.
    /// Ctrl-C or SIGTERM stops the verb: one line, exit code 130 or 143 (<see cref="ShutdownSignals"/>);
    /// `serve` ends 0, a stop being how a service ends.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var signals = new ShutdownSignals();
        var parse = Build().Parse(args);
        var serve = parse.CommandResult.Command.Name == "serve";
        signals.NoForcedExit = serve;
        try
        {
            // Signals are handled here rather than by System.CommandLine, so the code says which one arrived.
            var code = await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, signals.Token);
            if (signals.ExitCode is not { } stopped || serve) return code;
            Console.Error.WriteLine(await ShutdownSignals.StoppedLineAsync());
            return stopped;
        }
        catch (OperationCanceledException) when (signals.ExitCode is { } stopped)
        {
            Console.Error.WriteLine(await ShutdownSignals.StoppedLineAsync());
            return serve ? 0 : stopped;
        }
        catch (Exception e) when (InvalidSettings(e) is { Count: > 0 } lines)
        {
            foreach (var line in lines) Console.Error.WriteLine($"d365-xero: {line}");
            return 2;
        }
        catch (Exception e) when (e is Errors.RemoteApiException or Sync.ConnectionPausedException or FileNotFoundException or InvalidOperationException)
        {
            Console.Error.WriteLine($"d365-xero: {e.Message}");
            return 2;
        }
        catch (Exception e) when (StartProblem(e) is { } line)
        {
            Console.Error.WriteLine($"d365-xero: {line}");
            return 2;
        }
    }

    /// <summary>
    /// What stops a verb before it starts and is the user's to fix, said in one line: a configuration file
    /// that is not JSON, a port another program listens on.
    /// </summary>
    private static string? StartProblem(Exception e) => e switch
    {
        // Microsoft.Extensions.Configuration.Json: "Failed to load configuration from file '…'", the parser's reason inside.
        InvalidDataException { InnerException: { } inner } bad => $"{bad.Message.TrimEnd('.')}: {(inner.InnerException ?? inner).Message}",
        // Kestrel: "Failed to bind to address http://127.0.0.1:5571: address already in use."
        IOException io when io.Message.StartsWith("Failed to bind", StringComparison.Ordinal) =>
            $"{io.Message.TrimEnd('.')}: another program (an `emulate`, `sandbox` or `serve` still running?) listens there; stop it, or choose another address (--dataverse-url, --xero-url, Urls).",
        _ => null,
    };

    /// <summary>The lines of wrong settings: one options class's, or several at once (an AggregateException from start-up validation).</summary>
    private static IReadOnlyList<string> InvalidSettings(Exception e) => e switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException all when all.InnerExceptions.All(i => i is OptionsValidationException) =>
            [.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures)],
        _ => [],
    };

    public static RootCommand Build()
    {
        var root = new RootCommand(
            "d365-xero keeps a Xero organisation in step with Dynamics 365: accounts, contacts, products and sales orders, one way, within seconds. "
            + "Exit codes: 0 every row synced; 1 some row failed; 2 a wrong setting, a paused connection or one another instance holds; "
            + "3 a service unavailable for Sync:OutageGiveUp or Xero's daily limit spent (nothing failed, the rows wait); 130/143 stopped by Ctrl-C/SIGTERM.");
        root.Options.Add(Config);
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        return root;
    }
}
