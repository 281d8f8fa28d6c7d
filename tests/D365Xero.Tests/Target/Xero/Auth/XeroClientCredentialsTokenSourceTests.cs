using System.Net;
using D365Xero.Errors;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.Auth;
using D365Xero.Tests.Target.Xero.Fakes;

namespace D365Xero.Tests.Target.Xero.Auth;

public sealed class XeroClientCredentialsTokenSourceTests
{
    private readonly TestClock _clock = new();
    private readonly XeroOptions _options = new()
    {
        ClientId = "client-id", ClientSecret = "client-secret", IdentityUrl = new Uri("http://127.0.0.1:5571/identity"),
    };

    [Fact]
    public async Task Asks_for_client_credentials_with_basic_auth_at_the_configured_identity_url()
    {
        var handler = new ScriptedHandler((_, _) => XeroAnswers.Token("access-1"));

        var token = await new XeroClientCredentialsTokenSource(new HttpClient(handler), _options, _clock).GetAccessTokenAsync(default);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://127.0.0.1:5571/identity/connect/token", request.Uri.ToString());
        Assert.Equal("grant_type=client_credentials", request.Body);
        Assert.Equal("Basic " + Convert.ToBase64String("client-id:client-secret"u8.ToArray()), request.Header("Authorization"));
        Assert.Equal("access-1", token.Value);
    }

    [Fact]
    public async Task Caches_the_token_until_sixty_seconds_before_it_expires()
    {
        var handler = new ScriptedHandler((_, index) => XeroAnswers.Token($"access-{index}"));
        var source = new XeroClientCredentialsTokenSource(new HttpClient(handler), _options, _clock);

        await source.GetAccessTokenAsync(default);
        _clock.Advance(TimeSpan.FromSeconds(1800 - 61));
        var cached = await source.GetAccessTokenAsync(default);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var renewed = await source.GetAccessTokenAsync(default);

        Assert.Equal("access-0", cached.Value);
        Assert.Equal("access-1", renewed.Value);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_refused_client_is_an_auth_failure()
    {
        var handler = new ScriptedHandler((_, _) => XeroAnswers.Json(HttpStatusCode.BadRequest, """{"error":"invalid_client"}"""));

        var failure = await Assert.ThrowsAsync<RemoteApiException>(() =>
            new XeroClientCredentialsTokenSource(new HttpClient(handler), _options, _clock).GetAccessTokenAsync(default).AsTask());

        Assert.Equal(ErrorKind.Auth, failure.Kind);
        Assert.Contains("invalid_client", failure.Message);
    }

    [Fact]
    public async Task An_identity_server_outage_is_transient()
    {
        var handler = new ScriptedHandler((_, _) => XeroAnswers.Status(HttpStatusCode.BadGateway));

        var failure = await Assert.ThrowsAsync<RemoteApiException>(() =>
            new XeroClientCredentialsTokenSource(new HttpClient(handler), _options, _clock).GetAccessTokenAsync(default).AsTask());

        Assert.Equal(ErrorKind.Transient, failure.Kind);
    }
}
