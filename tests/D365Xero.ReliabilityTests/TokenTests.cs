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
public sealed class TokenTests(Xunit.Abstractions.ITestOutputHelper output)
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

    [Fact]
    public async Task Killed_right_after_a_refresh_token_rotation_the_connector_continues_with_the_rotated_token_and_ends_exact()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        for (var i = 0; i < 120; i++) await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Rotated {i:D3}" });
        var grants = rig.Grants((await rig.OpenAsync()).Store);
        var consented = await AuthoriseAsync(rig);
        await grants.SaveAsync("default", consented, default);

        // 1. Xero identity answers the refresh (a new refresh token); the connector's next request, its
        // first use of the new access token, is held and the process killed.
        var rotated = 0;
        var used = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.XeroProxy.AfterUpstream = async (request, status, ct) =>
        {
            if (IsRefresh(request)) { Volatile.Write(ref rotated, 1); return; }
            if (Volatile.Read(ref rotated) == 0) return;
            used.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
        };
        await KillWhenAsync(rig, used.Task);
        var saved = (await grants.LoadAsync("default", default))!;
        Assert.NotEqual(consented.RefreshToken, saved.RefreshToken); // the rotated token was saved before it was used

        // 2. The access token runs out, so the restart must refresh: the answer to that refresh is lost
        // (Xero rotated, the process died before it heard). Xero's grace on the token it sent covers it.
        await rig.Xero.ControlAsync("tokens/expire");
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.XeroProxy.AfterUpstream = async (request, status, ct) =>
        {
            if (!IsRefresh(request) || status != 200) return;
            answered.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
        };
        var sentBefore = rig.XeroProxy.Requests.Count;
        await KillWhenAsync(rig, answered.Task);
        rig.XeroProxy.AfterUpstream = null;

        var final = await rig.RunAsync(TimeSpan.FromMinutes(2), "sync", "--once");

        var refreshTokensSent = rig.XeroProxy.Requests.Skip(sentBefore).Where(IsRefresh).Select(r => Form(r)["refresh_token"]).ToList();
        output.WriteLine($"{rig.XeroProxy.Requests.Count(IsRefresh)} refreshes in all, {refreshTokensSent.Count} after the first kill; final run exit {final.ExitCode}\n{final.Output}");
        Assert.True(final.ExitCode == 0, final.Output);
        // Every refresh after the first kill went with the token saved before it, never the consented one.
        Assert.NotEmpty(refreshTokensSent);
        Assert.All(refreshTokensSent, t => Assert.Equal(saved.RefreshToken, t));
        var status = await rig.StatusAsync();
        Assert.Null(status.PausedReason);
        Assert.Empty(status.Failures);
        Assert.Equal(120, status.Tables.Single(t => t.Table == "account").Synced);
        var contacts = await rig.Xero.ContactsAsync();
        Assert.Equal(120, contacts.Select(c => c.Text("ContactNumber")).Distinct().Count());
        Assert.Equal(120, contacts.Count);
    }

    [Fact]
    public async Task An_access_token_expiring_between_batches_is_refreshed_once_and_the_batch_goes_without_a_duplicate()
    {
        await using var rig = await Rig.StartAsync();
        await rig.ProvisionAsync();
        // Six batches on four lanes: the lane whose batch went first always has another to send after the expiry.
        for (var i = 0; i < 300; i++) await rig.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Expiring {i:D3}" });
        await rig.Grants((await rig.OpenAsync()).Store).SaveAsync("default", await AuthoriseAsync(rig), default);
        // Right after Xero applied the first batch, every access token runs out: the next calls are answered 401.
        int expired = 0, unauthorised = 0;
        rig.XeroProxy.AfterUpstream = async (request, status, ct) =>
        {
            if (status == 401) Interlocked.Increment(ref unauthorised);
            if (request.IsXeroWrite && status == 200 && Interlocked.Exchange(ref expired, 1) == 0) await rig.Xero.ControlAsync("tokens/expire");
        };

        var run = await rig.RunAsync(TimeSpan.FromMinutes(2), "sync", "--once");

        var refreshes = rig.XeroProxy.Requests.Count(IsRefresh);
        output.WriteLine($"{unauthorised} calls answered 401 after the expiry, {refreshes} refreshes, " +
            $"{rig.XeroProxy.Requests.Count(r => r.IsXeroWrite)} Xero writes sent (401s included); exit {run.ExitCode}\n{run.Output}");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(unauthorised > 0, "no call met the expired token");
        Assert.Equal(2, refreshes); // the first call's (no access token stored), then one for the expiry
        var status = await rig.StatusAsync();
        Assert.Null(status.PausedReason);
        Assert.Empty(status.Failures);
        Assert.Equal(300, status.Tables.Single(t => t.Table == "account").Synced);
        var contacts = await rig.Xero.ContactsAsync();
        Assert.Equal(300, contacts.Count);
        Assert.Equal(300, contacts.Select(c => c.Text("ContactNumber")).Distinct().Count());
    }

    private static bool IsRefresh(ProxiedRequest request) =>
        request.Method == "POST" && request.PathAndQuery.StartsWith("/connect/token", StringComparison.Ordinal) && Form(request)["grant_type"] == "refresh_token";

    private static System.Collections.Specialized.NameValueCollection Form(ProxiedRequest request) => System.Web.HttpUtility.ParseQueryString(request.Body);

    /// <summary>Starts `sync --once` and kills it once <paramref name="moment"/> comes; fails if the run ends first.</summary>
    private static async Task KillWhenAsync(Rig rig, Task moment)
    {
        using var child = rig.Start("sync", "--once");
        var exited = child.WaitAsync(CancellationToken.None);
        Assert.True(await Task.WhenAny(moment, exited, Task.Delay(TimeSpan.FromSeconds(60))) == moment, $"the moment to kill never came:\n{child.Output}");
        await child.KillAsync();
        await CrashSafetyTests.WaitForQuietXeroAsync(rig);
    }

    /// <summary>A user's consent, as `connect` would obtain it: authorization code → refresh token (docs/xero-rules.md#x-oauth-endpoints; developer.xero.com/faq/oauth2).</summary>
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
