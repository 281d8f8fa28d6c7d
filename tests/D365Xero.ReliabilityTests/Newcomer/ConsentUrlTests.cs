using D365Xero.ReliabilityTests.Support;

namespace D365Xero.ReliabilityTests.Newcomer;

/// <summary>`connect` prints an address a user can click or copy whole: the scope's spaces escaped.</summary>
public sealed class ConsentUrlTests
{
    [Fact]
    public async Task The_consent_address_is_printed_escaped_so_copying_it_keeps_the_scope_and_state()
    {
        var folder = Directory.CreateTempSubdirectory("d365xero-connect-").FullName;
        var settings = NewcomerRun.Unreachable(folder);
        settings["Store__SecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var child = ConnectorProcess.Start(settings, folder, "connect", "--port", "0");
        var deadline = DateTime.UtcNow + NewcomerRun.Bound;
        while (!child.Output.Contains("Waiting for Xero") && DateTime.UtcNow < deadline && !child.HasExited) await Task.Delay(100);
        await child.KillAsync();

        var url = Assert.Single(child.Output.Split('\n'), l => l.TrimStart().StartsWith("https://login.xero.com/", StringComparison.Ordinal)).Trim();
        Assert.DoesNotContain(" ", url);
        Assert.Contains("scope=offline_access%20accounting.contacts%20accounting.invoices%20accounting.settings.read&state=", url);
    }
}
