using System.Net;
using D365Xero.Errors;
using D365Xero.Tests.Source.Dataverse.Fakes;

namespace D365Xero.Tests.Source.Dataverse;

public sealed class EntraTokenSourceTests
{
    [Fact]
    public async Task Asks_the_tenant_token_endpoint_for_the_environment_default_scope()
    {
        var h = new DataverseHarness();

        var token = await h.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", token);
        var request = Assert.Single(h.Fake.TokenRequests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token", request.Uri.AbsoluteUri);
        var form = request.Body!.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("client-1", form["client_id"]);
        Assert.Equal(DataverseHarness.Secret, form["client_secret"]);
        Assert.Equal("https://contoso.crm.dynamics.com/.default", form["scope"]);
    }

    [Fact]
    public async Task Reuses_the_token_until_two_minutes_before_it_expires()
    {
        var h = new DataverseHarness();
        await h.Tokens.GetTokenAsync(CancellationToken.None);

        h.Clock.Advance(TimeSpan.FromMinutes(58) - TimeSpan.FromSeconds(1));
        Assert.Equal("token-1", await h.Tokens.GetTokenAsync(CancellationToken.None));
        Assert.Single(h.Fake.TokenRequests);

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("token-2", await h.Tokens.GetTokenAsync(CancellationToken.None));
        Assert.Equal(2, h.Fake.TokenRequests.Count);
    }

    [Fact]
    public async Task Concurrent_callers_share_a_single_refresh()
    {
        var h = new DataverseHarness();
        var release = new TaskCompletionSource();
        h.Fake.TokenResponder = async _ => { await release.Task; return FakeDataverse.Token("shared", 3600); };

        var callers = Enumerable.Range(0, 5).Select(_ => h.Tokens.GetTokenAsync(CancellationToken.None).AsTask()).ToArray();
        release.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.All(tokens, t => Assert.Equal("shared", t));
        Assert.Single(h.Fake.TokenRequests);
    }

    [Fact]
    public async Task Invalidating_the_current_token_fetches_a_new_one()
    {
        var h = new DataverseHarness();
        var first = await h.Tokens.GetTokenAsync(CancellationToken.None);

        h.Tokens.Invalidate("some-older-token");
        Assert.Equal(first, await h.Tokens.GetTokenAsync(CancellationToken.None));

        h.Tokens.Invalidate(first);
        Assert.Equal("token-2", await h.Tokens.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Wrong_secret_is_an_auth_error_that_names_the_setting_and_hides_the_secret()
    {
        var h = new DataverseHarness();
        h.Fake.TokenResponder = _ => Task.FromResult(FakeDataverse.Response(HttpStatusCode.Unauthorized,
            """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\r\nTrace ID: x","error_codes":[7000215]}"""));

        var e = await Assert.ThrowsAsync<RemoteApiException>(() => h.Tokens.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal(ErrorKind.Auth, e.Kind);
        Assert.Equal("Dataverse", e.Service);
        Assert.Contains("Dataverse:ClientSecret", e.Message);
        Assert.DoesNotContain(DataverseHarness.Secret, e.Message);
    }

    [Fact]
    public async Task Unknown_tenant_is_an_auth_error_that_names_TenantId()
    {
        var h = new DataverseHarness();
        h.Fake.TokenResponder = _ => Task.FromResult(FakeDataverse.Response(HttpStatusCode.BadRequest,
            """{"error":"invalid_request","error_description":"AADSTS90002: Tenant 'tenant-1' not found.","error_codes":[90002]}"""));

        var e = await Assert.ThrowsAsync<RemoteApiException>(() => h.Tokens.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal(ErrorKind.Auth, e.Kind);
        Assert.Contains("Dataverse:TenantId", e.Message);
    }

    [Fact]
    public async Task Missing_secret_is_an_auth_error_before_any_request()
    {
        var h = new DataverseHarness(o => o.ClientSecret = "");

        var e = await Assert.ThrowsAsync<RemoteApiException>(() => h.Tokens.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal(ErrorKind.Auth, e.Kind);
        Assert.Contains("Dataverse__ClientSecret", e.Message);
        Assert.Empty(h.Fake.TokenRequests);
    }
}
