using System.Security.Cryptography;
using System.Text.Json.Nodes;
using D365Xero.Hosting;
using D365Xero.Journal;
using D365Xero.Sync;
using D365Xero.Target.Xero;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;

namespace D365Xero.IntegrationTests;

/// <summary>
/// `connect` against the Xero emulator's authorization endpoint; the test plays the browser: it
/// opens the authorize URL and follows Xero's redirect to the loopback listener.
/// </summary>
public sealed class ConnectTests
{
    private static readonly SecretCipher Cipher = SecretCipher.FromKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))!;

    [Fact]
    public async Task Connect_stores_the_grant_encrypted_and_sync_then_runs_on_the_refresh_token()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        for (var i = 0; i < 3; i++) await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Consented {i}" });
        var grants = new StoredXeroGrants(h.Store, Cipher);
        using var browser = new HttpClient();
        Task<HttpResponseMessage>? browsing = null;

        var result = await Consent(h, grants).RunAsync(new ConsentRequest
        {
            ConnectionName = h.Settings.Name,
            RedirectPort = 0,
            ShowAuthorizeUrl = url => browsing = browser.GetAsync(url),
        }, default);

        var page = await browsing!;
        Assert.True(page.IsSuccessStatusCode);
        Assert.Equal(h.XeroEmulator.TenantId, result.TenantId.ToString());
        var stored = (await h.Store.GetSecretAsync(h.Settings.Name, "xero.grant", default))!;
        var grant = (await grants.LoadAsync(h.Settings.Name, default))!;
        Assert.True(SecretCipher.IsEncrypted(stored));
        Assert.DoesNotContain(grant.RefreshToken, stored);
        Assert.Equal(h.XeroEmulator.TenantId, grant.TenantId);

        // Forget the access token from the consent, so the first call must refresh (and rotate).
        await grants.SaveAsync(h.Settings.Name, grant with { AccessToken = null, AccessTokenExpiresAt = null }, default);
        var connection = await ConnectionFactory.CreateAsync(h.Settings, h.Store, TimeProvider.System, NullLoggerFactory.Instance, default, Cipher);
        await new SyncRunner(connection).RunOnceAsync(waitForRetries: false, default);

        var contacts = await h.Xero.ContactsAsync();
        Assert.Equal(3, contacts.Count(c => c["Name"]!.GetValue<string>().StartsWith("Consented", StringComparison.Ordinal)));
        var rotated = (await grants.LoadAsync(h.Settings.Name, default))!;
        Assert.NotEqual(grant.RefreshToken, rotated.RefreshToken);
        Assert.NotNull(rotated.AccessToken);
    }

    [Fact]
    public async Task Connect_refuses_to_start_without_a_secret_key_and_says_how_to_set_one()
    {
        await using var h = await SyncHarness.StartAsync();
        var shown = false;

        var error = await Assert.ThrowsAsync<XeroConsentException>(() => Consent(h, new StoredXeroGrants(h.Store)).RunAsync(new ConsentRequest
        {
            ConnectionName = h.Settings.Name,
            RedirectPort = 0,
            ShowAuthorizeUrl = _ => shown = true,
        }, default));

        Assert.False(shown);
        Assert.Contains("Store__SecretKey", error.Message);
        Assert.Contains("openssl rand -base64 32", error.Message);
        Assert.Null(await h.Store.GetSecretAsync(h.Settings.Name, "xero.grant", default));
    }

    [Fact]
    public async Task Connect_rejects_a_redirect_whose_state_is_not_the_one_it_sent()
    {
        await using var h = await SyncHarness.StartAsync();
        using var browser = new HttpClient();
        Task<HttpResponseMessage>? forged = null;

        var error = await Assert.ThrowsAsync<XeroConsentException>(() => Consent(h, new StoredXeroGrants(h.Store, Cipher)).RunAsync(new ConsentRequest
        {
            ConnectionName = h.Settings.Name,
            RedirectPort = 0,
            ShowAuthorizeUrl = url =>
            {
                var redirect = QueryHelpers.ParseQuery(url.Query)["redirect_uri"].ToString();
                forged = browser.GetAsync($"{redirect}?code=stolen&state=forged");
            },
        }, default));

        await forged!;
        Assert.Contains("state", error.Message);
        Assert.Null(await h.Store.GetSecretAsync(h.Settings.Name, "xero.grant", default));
    }

    [Fact]
    public async Task A_stored_grant_that_the_key_cannot_open_pauses_the_connection_and_says_why()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Waiting" });
        await new StoredXeroGrants(h.Store, Cipher).SaveAsync(h.Settings.Name, new() { RefreshToken = "r", TenantId = h.XeroEmulator.TenantId }, default);
        var connection = await ConnectionFactory.CreateAsync(h.Settings, h.Store, TimeProvider.System, NullLoggerFactory.Instance, default);

        var paused = await Assert.ThrowsAsync<ConnectionPausedException>(() => new SyncRunner(connection).RunOnceAsync(waitForRetries: false, default));

        Assert.Contains("Store__SecretKey is not set", paused.Reason);
    }

    private static XeroConsent Consent(SyncHarness h, StoredXeroGrants grants)
    {
        var options = h.Settings.Xero;
        options.AuthorizeUrl = new Uri(h.XeroEmulator.Url, "identity/connect/authorize");
        return new XeroConsent(new HttpClient(), options, grants, TimeProvider.System);
    }
}
