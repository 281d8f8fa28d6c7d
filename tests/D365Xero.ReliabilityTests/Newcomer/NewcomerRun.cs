using D365Xero.ReliabilityTests.Support;

namespace D365Xero.ReliabilityTests.Newcomer;

/// <summary>One command as a new user types it: a process, its exit code and what it printed.</summary>
internal static class NewcomerRun
{
    /// <summary>Every command here ends in well under this; one that does not is a hang, and fails its test.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static async Task<ConnectorRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("d365xero-newcomer-").FullName;
        try
        {
            var run = await ConnectorProcess.RunAsync(environment, folder, Bound, args);
            Assert.False(run.Killed, $"`d365-xero {string.Join(' ', args)}` was still running after {Bound}:\n{run.Output}");
            return run;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The output is one line (after any the .NET host prints before the program starts), and it is this.</summary>
    public static string SingleLine(ConnectorRun run)
    {
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Assert.Single(lines);
    }

    /// <summary>Settings that pass validation and point at nothing that answers (for what fails before any call).</summary>
    public static Dictionary<string, string> Unreachable(string folder) => new()
    {
        ["Dataverse__Url"] = "http://127.0.0.1:9", ["Dataverse__AuthorityUrl"] = "http://127.0.0.1:9",
        ["Dataverse__TenantId"] = "t", ["Dataverse__ClientId"] = "c", ["Dataverse__ClientSecret"] = "s",
        ["Xero__ApiUrl"] = "http://127.0.0.1:9", ["Xero__IdentityUrl"] = "http://127.0.0.1:9", ["Xero__ClientId"] = "c", ["Xero__ClientSecret"] = "s",
        ["Store__ConnectionString"] = $"Data Source={Path.Combine(folder, "store.db")}",
    };
}
