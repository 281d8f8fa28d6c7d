using System.Net;
using System.Net.Sockets;

namespace D365Xero.ReliabilityTests.Newcomer;

/// <summary>
/// Mistakes a new user makes before anything runs (issue 17): each ends at once with exit code 2 and one
/// line saying what to change, never a stack trace.
/// </summary>
public sealed class StartProblemTests
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("d365xero-start-").FullName;

    [Fact]
    public async Task A_busy_port_is_one_line_naming_it_for_sandbox_and_for_serve()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var sandbox = await NewcomerRun.RunAsync(new Dictionary<string, string>(), "sandbox", "--once", "--dataverse-url", $"http://127.0.0.1:{port}");
        Assert.Equal(2, sandbox.ExitCode);
        Assert.Equal($"d365-xero: http://127.0.0.1:{port} is already in use: another program (an `emulate`, `sandbox` or `serve` still running?) "
            + "listens there. Stop it, or choose another address with --dataverse-url.", NewcomerRun.SingleLine(sandbox));

        var settings = NewcomerRun.Unreachable(Folder);
        settings["Urls"] = $"http://127.0.0.1:{port}";
        var serve = await NewcomerRun.RunAsync(settings, "serve");
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains("is already in use", NewcomerRun.SingleLine(serve));
        Assert.Contains("with Urls.", NewcomerRun.SingleLine(serve));
    }

    [Fact]
    public async Task A_configuration_file_that_is_not_json_is_one_line_naming_the_file_and_where()
    {
        var bad = Path.Combine(Folder, "bad.json");
        await File.WriteAllTextAsync(bad, "{ \"Sync\": ");

        var run = await NewcomerRun.RunAsync(NewcomerRun.Unreachable(Folder), "status", "--config", bad);

        Assert.Equal(2, run.ExitCode);
        var line = NewcomerRun.SingleLine(run);
        Assert.StartsWith($"d365-xero: Failed to load configuration from file '{bad}': ", line);
        Assert.Contains("LineNumber", line);
    }

    [Fact]
    public async Task A_store_that_cannot_be_opened_is_one_line_naming_the_file()
    {
        var settings = NewcomerRun.Unreachable(Folder);
        settings["Store__ConnectionString"] = "Data Source=/nonexistent/dir/x.db";

        var run = await NewcomerRun.RunAsync(settings, "status");

        Assert.Equal(2, run.ExitCode);
        var line = NewcomerRun.SingleLine(run);
        Assert.StartsWith("d365-xero: The store /nonexistent/dir/x.db cannot be written: SQLite Error 14: 'unable to open database file'. ", line);
        Assert.Contains("Make the file and its folder writable", line);
    }

    [Fact]
    public async Task A_misspelt_url_scheme_is_refused_naming_the_key()
    {
        var settings = NewcomerRun.Unreachable(Folder);
        settings["Xero__ApiUrl"] = "htp:/127.0.0.1:5572";

        var run = await NewcomerRun.RunAsync(settings, "check");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("d365-xero: invalid setting Xero:ApiUrl = 'htp:/127.0.0.1:5572': allowed: an absolute http:// or https:// URL.", NewcomerRun.SingleLine(run));
    }

    [Fact]
    public async Task An_unset_client_id_is_said_to_be_unset_naming_its_environment_variable()
    {
        var settings = NewcomerRun.Unreachable(Folder);
        settings.Remove("Xero__ClientId");

        var run = await NewcomerRun.RunAsync(settings, "check");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("d365-xero: setting Xero:ClientId is not set (environment variable Xero__ClientId): allowed: any text that is not blank.",
            NewcomerRun.SingleLine(run));
    }

    [Fact]
    public async Task A_seed_that_is_neither_demo_nor_a_number_is_one_line()
    {
        var run = await NewcomerRun.RunAsync(new Dictionary<string, string>(), "sandbox", "--seed", "banana");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("d365-xero: --seed 'banana' is neither 'demo' nor a number of accounts (e.g. --seed 500).", NewcomerRun.SingleLine(run));
    }
}
