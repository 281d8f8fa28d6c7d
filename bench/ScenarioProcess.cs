using System.Diagnostics;
using System.Text.Json.Nodes;

namespace D365Xero.Bench;

/// <summary>
/// Each scenario of a run of several in a process of its own (this program again, naming that one scenario): a scenario's
/// memory and CPU are then its own, not raised by what the scenarios before it left behind (JIT'd code, a grown heap). In one
/// process the 100,000-account back-fill peaked at 270 MB after the others against 233 MB on its own.
/// </summary>
public static class ScenarioProcess
{
    /// <summary>Runs one scenario with the run's options; its table goes to standard output as it comes, its JSON is returned.</summary>
    public static async Task<JsonObject> RunAsync(string scenario, IEnumerable<string> options, CancellationToken ct)
    {
        var (exe, args) = BenchSelf.Command([scenario, .. options]);
        var start = new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, UseShellExecute = false };
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {scenario} scenario's process.");
        // Progress comes on the shared standard error; the last line of standard output is the scenario's JSON.
        var lines = new List<string>();
        while (await child.StandardOutput.ReadLineAsync(ct) is { } line) lines.Add(line);
        await child.WaitForExitAsync(ct);
        var last = lines.FindLastIndex(l => l.StartsWith('{'));
        if (child.ExitCode != 0 || last < 0)
            throw new InvalidOperationException($"The {scenario} scenario's process ended with exit code {child.ExitCode}{(last < 0 ? " and no JSON" : "")}.");
        foreach (var line in lines.Take(last)) Console.WriteLine(line);
        return JsonNode.Parse(lines[last])!.AsObject();
    }

    /// <summary>The JSON of several scenarios as one: their <c>scenarios</c> and <c>baseline</c> objects side by side.</summary>
    public static JsonObject Merge(IEnumerable<JsonObject> parts)
    {
        var merged = new JsonObject { ["scenarios"] = new JsonObject(), ["baseline"] = new JsonObject() };
        foreach (var part in parts)
        {
            foreach (var key in new[] { "scenarios", "baseline" })
            {
                foreach (var (name, value) in part[key]?.AsObject().ToList() ?? [])
                    merged[key]!.AsObject()[name] = value?.DeepClone();
            }
        }
        return merged;
    }
}
