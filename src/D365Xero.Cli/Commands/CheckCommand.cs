using System.CommandLine;
using D365Xero.Hosting;

namespace D365Xero.Cli.Commands;

/// <summary>
/// `check`: proves each connection before it syncs: both sign-ins, the Xero scopes and tenant, change
/// tracking on each table, the write-back columns, the configured Xero account code, tax type and
/// currencies, and the mapping options. One PASS/FAIL line each; exits non-zero on any failure.
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "Verify both connections, the Xero scopes and tenant, change tracking, the write-back columns, the Xero reference data (accounts, tax types, currencies), each column and value the Mapping section names (docs/mappings.md), and Xero's webhooks (an intent-to-receive sent to Xero__WebhookUrl, as Xero sends it); exit non-zero on any failure.");
        command.SetAction((parse, ct) => CommandHost.RunAsync(parse, ct, async (host, ct) =>
        {
            var runtime = host.Runtime;
            int passed = 0, failed = 0;
            foreach (var connection in runtime.Connections)
            {
                var results = await new ConnectionCheck(connection).RunAsync(ct);
                Print(Console.Out, connection.Name, results);
                passed += results.Count(r => r.Passed);
                failed += results.Count(r => !r.Passed);
            }
            Console.WriteLine(failed == 0
                ? $"All {passed} checks passed on {runtime.Connections.Count} connection(s)."
                : $"{failed} of {passed + failed} checks FAILED on {runtime.Connections.Count} connection(s); fix them and run `d365-xero check` again.");
            return failed == 0 ? 0 : 1;
        }));
        return command;
    }

    public static void Print(TextWriter output, string connection, IReadOnlyList<CheckResult> results)
    {
        output.WriteLine($"Connection '{connection}':");
        foreach (var r in results) output.WriteLine(Line(r));
    }

    /// <summary><c>PASS  name: detail</c> or <c>FAIL  name: detail — fix</c>.</summary>
    public static string Line(CheckResult r) =>
        r.Passed ? $"PASS  {r.Name}: {r.Detail}"
        : r.Fix is null ? $"FAIL  {r.Name}: {r.Detail}"
        : $"FAIL  {r.Name}: {r.Detail} — {r.Fix}";
}
