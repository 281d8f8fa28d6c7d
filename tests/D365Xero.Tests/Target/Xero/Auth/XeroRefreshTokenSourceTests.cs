using System.Net;
using D365Xero.Errors;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.Auth;
using D365Xero.Tests.Target.Xero.Fakes;

namespace D365Xero.Tests.Target.Xero.Auth;

public sealed class XeroRefreshTokenSourceTests
{
    private const string Connection = "main";
    private readonly InMemoryXeroGrantStore _store = new();
    private readonly TestClock _clock = new();
    private readonly XeroOptions _options = new() { ClientId = "client-id", ClientSecret = "client-secret" };

    private XeroRefreshTokenSource Source(ScriptedHandler handler) =>
        new(new HttpClient(handler), _options, _store, Connection, _clock);

    private Task Store(string refreshToken) => _store.SaveAsync(Connection, new XeroGrant { RefreshToken = refreshToken, TenantId = "tenant-1" }, default);

    [Fact]
    public async Task Refreshes_with_the_stored_refresh_token_and_basic_client_auth()
    {
        await Store("refresh-1");
        var handler = new ScriptedHandler((_, _) => XeroAnswers.Token("access-2", "refresh-2"));

        var token = await Source(handler).GetAccessTokenAsync(default);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("https://identity.xero.com/connect/token", request.Uri.ToString());
        Assert.Equal("grant_type=refresh_token&refresh_token=refresh-1", request.Body);
        Assert.Equal("Basic " + Convert.ToBase64String("client-id:client-secret"u8.ToArray()), request.Header("Authorization"));
        Assert.Equal("access-2", token.Value);
        Assert.Equal("tenant-1", token.TenantId);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(1800), token.ExpiresAt);
    }

    [Fact]
    public async Task The_rotated_refresh_token_is_saved_before_the_new_access_token_is_used()
    {
        await Store("refresh-1");
        XeroGrant? storedWhenUsed = null;
        var xero = new XeroHarness((request, _) =>
        {
            if (request.IsTokenRequest) return XeroAnswers.Token("access-2", "refresh-2");
            storedWhenUsed = _store.LoadAsync(Connection, default).Result;
            return XeroAnswers.Currencies();
        }, tokens: (http, options, clock) => new XeroRefreshTokenSource(http, options, _store, Connection, clock));

        await xero.Client.GetCurrenciesAsync();

        Assert.Equal("Bearer access-2", xero.Handler.ApiRequests[0].Header("Authorization"));
        Assert.Equal("refresh-2", storedWhenUsed!.RefreshToken);
        Assert.Equal("access-2", storedWhenUsed.AccessToken);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_refresh()
    {
        await Store("refresh-1");
        var answer = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedHandler((_, _) => answer.Task);
        var source = Source(handler);

        var first = source.GetAccessTokenAsync(default).AsTask();
        var second = source.GetAccessTokenAsync(default).AsTask();
        await handler.WaitForAsync(rs => rs.Count == 1);
        answer.SetResult(XeroAnswers.Token("access-2", "refresh-2"));
        var tokens = await Task.WhenAll(first, second);

        Assert.Single(handler.Requests);
        Assert.Same(tokens[0], tokens[1]);
    }

    [Fact]
    public async Task The_token_is_kept_until_a_minute_before_it_expires()
    {
        await Store("refresh-1");
        var handler = new ScriptedHandler((_, index) => XeroAnswers.Token($"access-{index}", $"refresh-{index}"));
        var source = Source(handler);

        await source.GetAccessTokenAsync(default);
        _clock.Advance(TimeSpan.FromMinutes(29) - TimeSpan.FromSeconds(1));
        await source.GetAccessTokenAsync(default);
        Assert.Single(handler.Requests);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var renewed = await source.GetAccessTokenAsync(default);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("access-1", renewed.Value);
        Assert.Equal("grant_type=refresh_token&refresh_token=refresh-0", handler.Requests[1].Body);
    }

    [Fact]
    public async Task Invalid_grant_is_an_auth_failure_that_says_to_reconnect_and_is_not_asked_again()
    {
        await Store("refresh-dead");
        var handler = new ScriptedHandler((_, _) => XeroAnswers.Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant"}"""));
        var source = Source(handler);

        var first = await Assert.ThrowsAsync<RemoteApiException>(() => source.GetAccessTokenAsync(default).AsTask());
        var second = await Assert.ThrowsAsync<RemoteApiException>(() => source.GetAccessTokenAsync(default).AsTask());

        Assert.Equal(ErrorKind.Auth, first.Kind);
        Assert.Equal("Xero", first.Service);
        Assert.Contains("invalid_grant", first.Message);
        Assert.Contains("d365-xero connect", first.Message);
        Assert.Equal(ErrorKind.Auth, second.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Invalid_grant_through_the_client_is_auth_and_not_retried()
    {
        await Store("refresh-dead");
        var xero = new XeroHarness(
            (_, _) => XeroAnswers.Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant"}"""),
            tokens: (http, options, clock) => new XeroRefreshTokenSource(http, options, _store, Connection, clock));

        var failure = await Assert.ThrowsAsync<RemoteApiException>(() => xero.Client.GetCurrenciesAsync());

        Assert.Equal(ErrorKind.Auth, failure.Kind);
        Assert.Single(xero.Handler.Requests);
        Assert.Empty(xero.Handler.ApiRequests);
    }

    [Fact]
    public async Task A_connection_never_authorised_says_how_to_authorise_it()
    {
        var handler = new ScriptedHandler((_, _) => XeroAnswers.Token("never"));

        var failure = await Assert.ThrowsAsync<RemoteApiException>(() => Source(handler).GetAccessTokenAsync(default).AsTask());

        Assert.Equal(ErrorKind.Auth, failure.Kind);
        Assert.Contains("d365-xero connect", failure.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_rejected_access_token_is_not_reused_from_the_store()
    {
        await _store.SaveAsync(Connection, new XeroGrant
        {
            RefreshToken = "refresh-1", AccessToken = "access-1", AccessTokenExpiresAt = _clock.GetUtcNow().AddMinutes(20),
        }, default);
        var handler = new ScriptedHandler((_, _) => XeroAnswers.Token("access-2", "refresh-2"));
        var source = Source(handler);

        var stored = await source.GetAccessTokenAsync(default);
        source.Invalidate(stored);
        var refreshed = await source.GetAccessTokenAsync(default);

        Assert.Equal("access-1", stored.Value);
        Assert.Equal("access-2", refreshed.Value);
        Assert.Single(handler.Requests);
    }
}
