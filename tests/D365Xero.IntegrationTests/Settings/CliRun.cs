using System.Text.Json;
using D365Xero.Cli;

namespace D365Xero.IntegrationTests.Settings;

/// <summary>Runs the CLI in process with a <c>--config</c> file, capturing what it prints.</summary>
public static class CliRun
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>A complete, valid configuration that reaches no service: nothing here is ever contacted.</summary>
    public static Dictionary<string, string> Valid(string prefix, string folder) => new()
    {
        [prefix + "Dataverse:Url"] = "https://contoso.crm.dynamics.com",
        [prefix + "Dataverse:TenantId"] = "contoso.onmicrosoft.com",
        [prefix + "Dataverse:ClientId"] = "client",
        [prefix + "Dataverse:ClientSecret"] = "secret",
        [prefix + "Xero:ClientId"] = "client",
        [prefix + "Xero:ClientSecret"] = "secret",
        ["Store:ConnectionString"] = $"Data Source={Path.Combine(folder, "never-opened.db")}",
    };

    public static async Task<(int Exit, string Out, string Error)> RunAsync(IDictionary<string, string> settings, params string[] verb)
    {
        var folder = Directory.CreateTempSubdirectory("d365-xero-settings-").FullName;
        var file = Path.Combine(folder, "settings.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(Nest(settings)));
        // Console is the process's: one run at a time.
        await OneAtATime.WaitAsync();
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            var exit = await CliApp.RunAsync([.. verb, "--config", file]).WaitAsync(TimeSpan.FromSeconds(60));
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            OneAtATime.Release();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary><c>A:B:C = v</c> as JSON <c>{"A":{"B":{"C":"v"}}}</c>; numeric parts stay object keys, which configuration reads as array indices.</summary>
    private static Dictionary<string, object> Nest(IDictionary<string, string> flat)
    {
        var root = new Dictionary<string, object>();
        foreach (var (key, value) in flat)
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                if (!node.TryGetValue(part, out var child)) node[part] = child = new Dictionary<string, object>();
                node = (Dictionary<string, object>)child;
            }
            node[parts[^1]] = value;
        }
        return root;
    }
}
