using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using D365Xero.Hosting;
using D365Xero.ReliabilityTests.Support;
using Xunit.Abstractions;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 7.7: secrets never reach the connector's output, and Dynamics text never reaches a Xero
/// <c>where</c> filter.
/// </summary>
public sealed partial class SecurityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Secrets_and_tokens_never_appear_in_debug_logs_errors_or_status_of_runs_that_succeed_retry_and_fail()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var secrets = new RigSecrets(Dataverse: $"dv-secret-{suffix}", Xero: $"xero-secret-{suffix}", Webhook: $"webhook-secret-{suffix}");
        await using var rig = await Rig.StartAsync(dataverseSeed: "demo", secrets: secrets);
        await rig.ProvisionAsync();
        rig.Environment["Logging__LogLevel__Default"] = "Debug";
        var logs = new StringBuilder();
        async Task Run(string label, params string[] args)
        {
            var run = await rig.RunAsync(TimeSpan.FromMinutes(2), args);
            logs.AppendLine($"==== {label}: exit {run.ExitCode}").AppendLine(run.Output);
        }

        // A wrong Xero secret: the connection pauses and says why.
        var right = rig.Environment["Xero__ClientSecret"];
        rig.Environment["Xero__ClientSecret"] = $"wrong-secret-{suffix}";
        await Run("wrong client secret", "sync", "--once");
        await Run("status while paused", "status");
        rig.Environment["Xero__ClientSecret"] = right;

        // Retries and failures in the log, then a full sync.
        using (var http = new HttpClient { BaseAddress = rig.XeroEmulator.Url })
            (await http.PostAsync("_emulator/faults", new StringContent("""{"errorRate":0.2,"errorStatus":500,"loseResponseRate":0.2,"seed":3}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await Run("sync with faults", "sync", "--once");
        using (var http = new HttpClient { BaseAddress = rig.XeroEmulator.Url })
            (await http.DeleteAsync("_emulator/faults")).EnsureSuccessStatusCode();
        await Run("status --json", "status", "--json");

        // O'Brien & Sons, a name with a quote and an ampersand, reached Xero; and no `where` was ever sent.
        var connection = (await rig.OpenAsync()).Connections.Single();
        Assert.Contains(await connection.Xero.SearchContactsAsync("O'Brien"), c => c.Name == "O'Brien & Sons");
        var requests = rig.XeroProxy.Requests.ToList();
        Assert.DoesNotContain(requests, r => r.PathAndQuery.Contains("where", StringComparison.OrdinalIgnoreCase));

        // A refresh-token connection: its refresh and access tokens are secrets too; then revoked.
        var grant = await TokenTests.AuthoriseAsync(rig);
        await rig.Grants(connection.Store).SaveAsync("default", grant, default);
        // Work for it: one synced account whose sent payload the store forgets, so it goes to Xero again.
        await ForgetOneAsync(connection);
        await Run("sync with a refresh token", "sync", "--once");
        using (var http = new HttpClient { BaseAddress = rig.XeroEmulator.Url })
            (await http.PostAsync("_emulator/tokens/revoke", null)).EnsureSuccessStatusCode();
        // Its access token runs out (30 minutes, docs/xero-rules.md#x-oauth-token-lifetimes; developer.xero.com/faq/oauth2): the next call must refresh, and is refused.
        var grants = rig.Grants(connection.Store);
        await grants.SaveAsync("default", (await grants.LoadAsync("default", default))! with { AccessToken = null, AccessTokenExpiresAt = null }, default);
        await ForgetOneAsync(connection);
        await Run("sync after revocation", "sync", "--once");
        await Run("status after revocation", "status", "--json");

        var text = logs.ToString();
        output.WriteLine($"{text.Length} characters of output from {Regex.Count(text, "^==== ", RegexOptions.Multiline)} runs, {requests.Count} Xero requests");
        output.WriteLine(text);
        Assert.Contains("PAUSED", text);
        Assert.Contains("revoked", text); // the revoked run said why
        var forbidden = new Dictionary<string, string>
        {
            ["Dataverse client secret"] = secrets.Dataverse,
            ["Xero client secret"] = secrets.Xero,
            ["wrong Xero client secret"] = $"wrong-secret-{suffix}",
            ["webhook secret"] = secrets.Webhook!,
            ["Basic credentials"] = Convert.ToBase64String(Encoding.ASCII.GetBytes($"sandbox:{secrets.Xero}")),
            ["refresh token"] = grant.RefreshToken,
        };
        foreach (var (what, value) in forbidden) Assert.False(text.Contains(value, StringComparison.Ordinal), $"the {what} appears in the output");
        Assert.DoesNotMatch(XeroToken(), text);
        Assert.DoesNotContain("eyJ0eXAi", text); // a Dataverse (Entra) access token
    }

    /// <summary>One synced account whose sent payload the store forgets, so the next run sends it to Xero again.</summary>
    private static async Task ForgetOneAsync(D365Xero.Sync.SyncConnection connection)
    {
        var synced = (await connection.Store.GetLinksByStatusAsync("default", D365Xero.Journal.SyncStatus.Synced, 10_000, default)).First(l => l.Table == "account");
        await connection.Store.UpsertLinksAsync([synced with { PayloadHash = null }], default);
        await connection.Store.EnqueueAsync("default", [new D365Xero.Journal.WorkKey("account", synced.DynamicsId)], default);
    }

    /// <summary>The Xero emulator's access and refresh tokens: 48 hex digits (a GUID has 32).</summary>
    [GeneratedRegex(@"(?<![0-9a-fA-F])[0-9a-fA-F]{48}(?![0-9a-fA-F])")]
    private static partial Regex XeroToken();
}
