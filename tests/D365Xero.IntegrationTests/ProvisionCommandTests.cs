using D365Xero.IntegrationTests.Settings;

namespace D365Xero.IntegrationTests;

/// <summary>The `provision` verb as a user runs it against the emulators: a dry run, the run, a second run, and the uninstall.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class ProvisionCommandTests
{
    [Fact]
    public async Task Provision_says_what_it_would_do_what_it_did_that_nothing_is_left_to_do_and_what_it_removed()
    {
        await using var h = await SyncHarness.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Dataverse:Url"] = h.Settings.Dataverse.Url, ["Dataverse:AuthorityUrl"] = h.Settings.Dataverse.AuthorityUrl,
            ["Dataverse:TenantId"] = "sandbox", ["Dataverse:ClientId"] = "sandbox", ["Dataverse:ClientSecret"] = "sandbox",
            ["Xero:ApiUrl"] = h.Settings.Xero.ApiUrl.ToString(), ["Xero:IdentityUrl"] = h.Settings.Xero.IdentityUrl.ToString(),
            ["Xero:ClientId"] = "sandbox", ["Xero:ClientSecret"] = "sandbox",
            ["Store:ConnectionString"] = $"Data Source={h.DbPath}",
        };

        var dry = await CliRun.RunAsync(settings, "provision", "--dry-run");
        Assert.True(dry.Exit == 0, dry.Error);
        Assert.Contains("would add the Xero section to the account form 'Account'", dry.Out);

        var run = await CliRun.RunAsync(settings, "provision");
        Assert.Contains("created the column account.xero_contactid", run.Out);
        Assert.Contains("created the account view 'Accounts not yet in Xero'", run.Out);

        Assert.Contains("everything is already in place; nothing changed", (await CliRun.RunAsync(settings, "provision")).Out);

        var misuse = await CliRun.RunAsync(settings, "provision", "--columns");
        Assert.Equal(2, misuse.Exit);

        var removed = await CliRun.RunAsync(settings, "provision", "--remove");
        Assert.Contains("removed the Xero section from the contact form 'Contact'", removed.Out);
        Assert.Contains("`provision --remove --columns` deletes them", removed.Out);
    }
}
