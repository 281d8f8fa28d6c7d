using System.Net;
using System.Net.Http.Headers;
using System.Web;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Identity;

public sealed class TokenFlowTests
{
    private const string Redirect = "http://localhost:5599/callback";

    [Fact]
    public async Task Client_credentials_token_reaches_the_api_without_a_tenant_header_and_has_no_refresh_token()
    {
        await using var host = await XeroTestHost.StartAsync(authenticate: false);
        var token = await host.Token(new() { ["grant_type"] = "client_credentials" });

        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.Equal(1800, token.Body!["expires_in"]!.GetValue<int>());
        Assert.Null(token.Body["refresh_token"]);
        host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Body["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await host.Get("/api.xro/2.0/Organisation")).Status);
    }

    [Fact]
    public async Task Client_secret_may_come_as_form_fields_and_a_wrong_one_is_invalid_client()
    {
        await using var host = await XeroTestHost.StartAsync(authenticate: false);
        var ok = await host.Token(new() { ["grant_type"] = "client_credentials", ["client_id"] = "sandbox", ["client_secret"] = "sandbox" }, basicAuth: false);
        var wrong = await host.Token(new() { ["grant_type"] = "client_credentials", ["client_id"] = "sandbox", ["client_secret"] = "nope" }, basicAuth: false);

        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("invalid_client", wrong.Body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorization_code_flow_redirects_with_code_and_state_and_gives_a_refresh_token_with_offline_access()
    {
        await using var host = await XeroTestHost.StartAsync(authenticate: false);
        var code = await Authorize(host, "offline_access accounting.contacts");

        var tokens = await host.Token(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Redirect });

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.NotNull(tokens.Body!["refresh_token"]);
        var connections = await WithBearer(host, tokens.Body["access_token"]!.GetValue<string>()).Get("/connections");
        Assert.Equal(HttpStatusCode.OK, connections.Status);
        Assert.Equal(host.Emulator.TenantId, connections.Body![0]!["tenantId"]!.GetValue<string>());
        Assert.Equal("ORGANISATION", connections.Body[0]!["tenantType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorization_code_without_offline_access_gives_no_refresh_token()
    {
        await using var host = await XeroTestHost.StartAsync(authenticate: false);
        var code = await Authorize(host, "accounting.contacts");

        var tokens = await host.Token(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Redirect });

        Assert.Null(tokens.Body!["refresh_token"]);
    }

    [Fact]
    public async Task Authorization_code_is_single_use_and_expires_after_five_minutes()
    {
        await using var host = await XeroTestHost.StartAsync(authenticate: false);
        var used = await Authorize(host, "offline_access");
        Assert.Equal(HttpStatusCode.OK, (await host.Token(new() { ["grant_type"] = "authorization_code", ["code"] = used })).Status);
        var reused = await host.Token(new() { ["grant_type"] = "authorization_code", ["code"] = used });

        var stale = await Authorize(host, "offline_access");
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var expired = await host.Token(new() { ["grant_type"] = "authorization_code", ["code"] = stale });

        Assert.Equal("invalid_grant", reused.Body!["error"]!.GetValue<string>());
        Assert.Equal("invalid_grant", expired.Body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_rotates_the_refresh_token_and_the_old_one_works_only_during_the_30_minute_grace()
    {
        await using var host = await XeroTestHost.StartAsync(authenticate: false);
        var first = await CodeTokens(host);

        var second = await host.Token(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first });
        var rotated = second.Body!["refresh_token"]!.GetValue<string>();
        Assert.NotEqual(first, rotated);

        host.Time.Advance(TimeSpan.FromMinutes(29));
        var withinGrace = await host.Token(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first });
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var afterGrace = await host.Token(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first });
        var newest = await host.Token(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = rotated });

        Assert.Equal(HttpStatusCode.OK, withinGrace.Status);
        Assert.Equal(HttpStatusCode.BadRequest, afterGrace.Status);
        Assert.Equal("invalid_grant", afterGrace.Body!["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, newest.Status);
    }

    [Fact]
    public async Task Revoked_refresh_tokens_answer_invalid_grant()
    {
        await using var host = await XeroTestHost.StartAsync(authenticate: false);
        var refresh = await CodeTokens(host);

        await host.Http.PostAsync("/_emulator/tokens/revoke", null);
        var reply = await host.Token(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });

        Assert.Equal("invalid_grant", reply.Body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Access_token_expires_after_30_minutes_with_a_TokenExpired_problem()
    {
        await using var host = await XeroTestHost.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.Get("/api.xro/2.0/Contacts")).Status);

        host.Time.Advance(TimeSpan.FromMinutes(30));
        var reply = await host.Get("/api.xro/2.0/Contacts");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("Unauthorized", reply.Body!["Title"]!.GetValue<string>());
        Assert.Equal(401, reply.Body["Status"]!.GetValue<int>());
        Assert.StartsWith("TokenExpired: token expired at ", reply.Body["Detail"]!.GetValue<string>());
        Assert.True(Guid.TryParse(reply.Body["Instance"]!.GetValue<string>(), out _));
        Assert.Null(reply.Body["Type"]);
    }

    [Fact]
    public async Task Missing_or_unknown_token_is_401_AuthenticationUnsuccessful()
    {
        await using var host = await XeroTestHost.StartAsync(authenticate: false);
        var missing = await host.Get("/api.xro/2.0/Contacts");
        var unknown = await WithBearer(host, "not-a-token").Get("/api.xro/2.0/Contacts");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("AuthenticationUnsuccessful", missing.Body!["Detail"]!.GetValue<string>());
        Assert.Equal("AuthenticationUnsuccessful", unknown.Body!["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_tenant_id_is_403_AuthenticationUnsuccessful()
    {
        await using var host = await XeroTestHost.StartAsync();
        host.Http.DefaultRequestHeaders.Remove("xero-tenant-id");
        host.Http.DefaultRequestHeaders.Add("xero-tenant-id", Guid.NewGuid().ToString());

        var reply = await host.Get("/api.xro/2.0/Contacts");

        Assert.Equal(HttpStatusCode.Forbidden, reply.Status);
        Assert.Equal("Forbidden", reply.Body!["Title"]!.GetValue<string>());
        Assert.Equal("AuthenticationUnsuccessful", reply.Body["Detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Code_flow_token_must_name_the_tenant()
    {
        await using var host = await XeroTestHost.StartAsync(authenticate: false);
        var code = await Authorize(host, "offline_access");
        var tokens = await host.Token(new() { ["grant_type"] = "authorization_code", ["code"] = code });
        WithBearer(host, tokens.Body!["access_token"]!.GetValue<string>());

        var without = await host.Get("/api.xro/2.0/Contacts");
        host.Http.DefaultRequestHeaders.Add("xero-tenant-id", host.Emulator.TenantId);
        var with = await host.Get("/api.xro/2.0/Contacts");

        Assert.Equal(HttpStatusCode.Forbidden, without.Status);
        Assert.Equal(HttpStatusCode.OK, with.Status);
    }

    private static XeroTestHost WithBearer(XeroTestHost host, string token)
    {
        host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return host;
    }

    private static async Task<string> CodeTokens(XeroTestHost host)
    {
        var code = await Authorize(host, "offline_access accounting.contacts");
        var tokens = await host.Token(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Redirect });
        return tokens.Body!["refresh_token"]!.GetValue<string>();
    }

    private static async Task<string> Authorize(XeroTestHost host, string scope)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Emulator.Url };
        var url = $"/identity/connect/authorize?response_type=code&client_id=sandbox&redirect_uri={Uri.EscapeDataString(Redirect)}&scope={Uri.EscapeDataString(scope)}&state=xyz";
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(Redirect, location.ToString());
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("xyz", query["state"]);
        return query["code"]!;
    }
}
