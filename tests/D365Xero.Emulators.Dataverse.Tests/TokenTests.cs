using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse.Tests;

public sealed class TokenTests
{
    [Fact]
    public async Task Issues_bearer_token_for_client_credentials()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.RequestTokenAsync("sandbox", "sandbox");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", json["token_type"]!.GetValue<string>());
        Assert.Equal(3599, json["expires_in"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(json["access_token"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Rejects_wrong_secret_with_aadsts_error()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.RequestTokenAsync("sandbox", "wrong");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", json["error"]!.GetValue<string>());
        Assert.StartsWith("AADSTS7000215", json["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rejects_unknown_tenant()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var response = await emulator.RequestTokenAsync("other", "sandbox");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("AADSTS90002", json["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Web_api_refuses_missing_and_expired_tokens()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var anonymous = new HttpClient();
        using var missing = await anonymous.GetAsync(emulator.Api + "accounts");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);

        using (var ok = await emulator.SendAsync(HttpMethod.Get, "accounts")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        emulator.Time.Advance(TimeSpan.FromMinutes(61));
        using var expired = await emulator.SendAsync(HttpMethod.Get, "accounts");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);

        emulator.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await emulator.TokenAsync());
        using var renewed = await emulator.SendAsync(HttpMethod.Get, "accounts");
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }
}
