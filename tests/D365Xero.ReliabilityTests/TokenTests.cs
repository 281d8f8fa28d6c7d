using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using D365Xero.Emulators.Xero;
using D365Xero.Hosting;
using D365Xero.Journal;
using D365Xero.ReliabilityTests.Support;
using D365Xero.Target.Xero.Auth;
using D365Xero.IntegrationTests;

namespace D365Xero.ReliabilityTests;

/// <summary>
/// Issue 7.3: a connection whose Xero authorisation is gone pauses, says why and how to fix it in
/// `status`, keeps its queued work, and resumes once re-authorised. (Two workers refreshing at once
/// make one refresh: tests/D365Xero.Tests/Target/Xero/Auth/XeroRefreshTokenSourceTests.cs,
/// Concurrent_callers_share_one_refresh.)
/// </summary>
public sealed class TokenTests
{
    [Fact]
    public async Task Revoked_refresh_token_pauses_the_connection_with_the_reason_and_it_resumes_after_reauthorisation_with_nothing_lost()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        var accounts = new List<Guid>();
        for (var i = 0; i < 7; i++) accounts.Add(await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Queued {i}" }));
        var runtime = await rig.OpenAsync();
        await rig.Grants(runtime.Store).SaveAsync("default", await AuthoriseAsync(rig), default);

        await rig.Xero.ControlAsync("tokens/revoke");
        var paused = await SyncSession.RunAsync(await rig.OpenAsync(), waitForRetries: false, default);

        var reason = Assert.Single(paused).PausedReason;
        Assert.NotNull(reason);
        Assert.Contains("revoked", reason);
        Assert.Contains("connect", reason); // says how to fix it
        var status = await rig.StatusAsync();
        Assert.Equal(reason, status.PausedReason);
        Assert.Equal(accounts.Count, status.Tables.Single(t => t.Table == "account").Pending);
        Assert.Empty(status.Failures);
        Assert.Empty(await rig.Xero.ContactsAsync());

        // Re-authorised (what `connect` stores): the same queue goes out, and the pause is lifted.
        await rig.Grants(runtime.Store).SaveAsync("default", await AuthoriseAsync(rig), default);
        var resumed = await SyncSession.RunAsync(await rig.OpenAsync(), waitForRetries: false, default);

        Assert.Null(Assert.Single(resumed).PausedReason);
        status = await rig.StatusAsync();
        Assert.Null(status.PausedReason);
        Assert.Equal(accounts.Count, status.Tables.Single(t => t.Table == "account").Synced);
        foreach (var id in accounts) Assert.Equal("ACTIVE", (await rig.Xero.ContactOfAccountAsync(id)).Text("ContactStatus"));
    }

    [Fact]
    public async Task Custom_connection_with_a_wrong_client_secret_pauses_and_resumes_when_the_secret_is_fixed()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        var account = await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Waiting Ltd" });

        var paused = await SyncSession.RunAsync(await rig.OpenAsync(new Dictionary<string, string> { ["Xero__ClientSecret"] = "not-the-secret" }), false, default);

        var reason = Assert.Single(paused).PausedReason;
        Assert.NotNull(reason);
        Assert.Contains("Xero__ClientSecret", reason.Replace(":", "__"));
        Assert.DoesNotContain("not-the-secret", reason);
        var status = await rig.StatusAsync();
        Assert.Equal(reason, status.PausedReason);
        Assert.Equal(1, status.Tables.Single(t => t.Table == "account").Pending);

        Assert.Null(Assert.Single(await SyncSession.RunAsync(await rig.OpenAsync(), false, default)).PausedReason);
        Assert.Equal("ACTIVE", (await rig.Xero.ContactOfAccountAsync(account)).Text("ContactStatus"));
        Assert.Null((await rig.StatusAsync()).PausedReason);
        Assert.Empty(await (await rig.OpenAsync()).Store.GetLinksByStatusAsync("default", SyncStatus.Error, 10, default));
    }

    /// <summary>A user's consent, as `connect` would obtain it: authorization code → refresh token (reference §8.1).</summary>
    internal static async Task<XeroGrant> AuthoriseAsync(Rig rig)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = rig.XeroEmulator.Url };
        const string redirect = "http://localhost/callback";
        var consent = await http.GetAsync($"connect/authorize?response_type=code&client_id=sandbox&redirect_uri={Uri.EscapeDataString(redirect)}" +
            $"&scope={Uri.EscapeDataString("offline_access accounting.contacts accounting.transactions accounting.settings")}&state=s");
        var code = System.Web.HttpUtility.ParseQueryString(consent.Headers.Location!.Query)["code"]!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("sandbox:" + rig.Environment["Xero__ClientSecret"])));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        // No access token stored: the connector's first call must refresh, which is where a revocation shows.
        return new XeroGrant { RefreshToken = token["refresh_token"]!.GetValue<string>(), TenantId = XeroEmulator.FixedTenantId.ToString() };
    }
}
