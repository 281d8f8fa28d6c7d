using D365Xero.ReliabilityTests.Support;

namespace D365Xero.ReliabilityTests.Newcomer;

/// <summary>What a new user reads after a mistake (issue 17): the line names the setting that is wrong, once.</summary>
public sealed class WordingTests
{
    [Fact]
    public async Task A_wrong_identity_url_names_the_url_setting_not_the_credentials()
    {
        await using var rig = await Rig.StartAsync();
        var settings = new Dictionary<string, string>(rig.Environment) { ["Xero__IdentityUrl"] = rig.Environment["Xero__IdentityUrl"] + "/identity" };

        var run = await NewcomerRun.RunAsync(settings, "check");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Output.Split('\n'), l => l.StartsWith("FAIL  Xero sign-in: ", StringComparison.Ordinal));
        Assert.Contains("Nothing answers token requests at ", line);
        Assert.Contains("Xero__IdentityUrl must be the identity root", line);
        Assert.DoesNotContain("ClientSecret", line);
    }

    [Fact]
    public async Task An_api_url_with_the_accounting_path_says_what_the_root_is()
    {
        await using var rig = await Rig.StartAsync();
        var settings = new Dictionary<string, string>(rig.Environment) { ["Xero__ApiUrl"] = rig.Environment["Xero__ApiUrl"] + "/api.xro/2.0" };

        var run = await NewcomerRun.RunAsync(settings, "check");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Output.Split('\n'), l => l.StartsWith("FAIL  Xero tenant: ", StringComparison.Ordinal)
            && l.Contains("Xero__ApiUrl must be the API root, https://api.xero.com, without /api.xro/2.0."));
    }

    [Fact]
    public async Task A_wrong_dataverse_secret_is_said_once_and_what_needs_the_sign_in_is_marked_not_run()
    {
        await using var rig = await Rig.StartAsync();
        var settings = new Dictionary<string, string>(rig.Environment) { ["Dataverse__ClientSecret"] = "wrong" };

        var run = await NewcomerRun.RunAsync(settings, "check");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Output.Split('\n'), l => l.Contains("AADSTS", StringComparison.Ordinal));
        Assert.Contains("FAIL  Dataverse WhoAmI: not run: the Dataverse sign-in above failed", run.Output);
    }

    [Fact]
    public async Task Sandbox_once_exits_1_for_its_demo_order_that_must_fail_and_counts_the_people_it_sent()
    {
        var run = await NewcomerRun.RunAsync(new Dictionary<string, string>(), "sandbox", "--once", "--dataverse-url", "http://127.0.0.1:0", "--xero-url", "http://127.0.0.1:0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Contacts → people of their account's Xero contact (skipped ones say why on their row): 73 sent with their account, 0 unchanged, 4 skipped, 0 failed", run.Output);
        Assert.Contains("Rows in error: 1", run.Output);
    }

    [Fact]
    public async Task Emulate_prints_the_settings_that_point_the_connector_at_it()
    {
        using var child = ConnectorProcess.Start(new Dictionary<string, string>(), Path.GetTempPath(), "emulate", "--dataverse-url", "http://127.0.0.1:0", "--xero-url", "http://127.0.0.1:0");
        var deadline = DateTime.UtcNow + NewcomerRun.Bound;
        while (!child.Output.Contains("Press Ctrl-C") && DateTime.UtcNow < deadline && !child.HasExited) await Task.Delay(100);
        await child.KillAsync();

        var export = Assert.Single(child.Output.Split('\n'), l => l.TrimStart().StartsWith("export ", StringComparison.Ordinal));
        foreach (var key in new[] { "Dataverse__Url=", "Dataverse__AuthorityUrl=", "Xero__ApiUrl=", "Xero__IdentityUrl=", "Xero__ClientId=sandbox" })
            Assert.Contains(key, export);
    }

    [Fact]
    public async Task Help_says_sandbox_seeds_the_demo_and_prints_each_default_once()
    {
        var sandbox = await NewcomerRun.RunAsync(new Dictionary<string, string>(), "sandbox", "--help");
        Assert.Contains("[default: demo]", sandbox.Output);
        Assert.DoesNotContain("start empty", sandbox.Output);

        var connect = await NewcomerRun.RunAsync(new Dictionary<string, string>(), "connect", "--help");
        var port = Assert.Single(connect.Output.Split('\n'), l => l.TrimStart().StartsWith("--port", StringComparison.Ordinal));
        Assert.Equal(1, port.Split("5573").Length - 1);
    }
}
