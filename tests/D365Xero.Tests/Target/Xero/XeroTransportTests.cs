using System.Net;
using D365Xero.Errors;
using D365Xero.Target.Xero.Auth;
using D365Xero.Target.Xero.Model;
using D365Xero.Tests.Target.Xero.Fakes;

namespace D365Xero.Tests.Target.Xero;

public sealed class XeroTransportTests
{
    private static readonly XeroContact Contact = new() { ContactNumber = "D365-00000000000000000000000000000001", Name = "Customer 1" };

    private static HttpResponseMessage Saved() => XeroAnswers.Ok(new { Contacts = new[] { Contact with { ContactID = Guid.NewGuid() } } });

    [Fact]
    public async Task Every_post_carries_an_idempotency_key_and_no_get_does()
    {
        var xero = new XeroHarness((request, _) => request.Method == HttpMethod.Post ? Saved() : XeroAnswers.Currencies());

        await xero.Client.SaveContactsAsync([Contact]);
        await xero.Client.GetCurrenciesAsync();

        var (post, get) = (xero.Handler.ApiRequests[0], xero.Handler.ApiRequests[1]);
        Assert.Matches("^d365xero-[0-9a-f]{64}$", post.Header("Idempotency-Key"));
        Assert.True(post.Header("Idempotency-Key")!.Length <= 128);
        Assert.Null(get.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task The_idempotency_key_is_the_same_for_the_same_operation_and_different_for_another()
    {
        var xero = new XeroHarness((_, _) => Saved());

        await xero.Client.SaveContactsAsync([Contact], "outbox-7/attempt-1");
        await xero.Client.SaveContactsAsync([Contact], "outbox-7/attempt-1");
        await xero.Client.SaveContactsAsync([Contact], "outbox-8/attempt-1");

        var keys = xero.Handler.ApiRequests.Select(r => r.Header("Idempotency-Key")).ToList();
        Assert.Equal(keys[0], keys[1]);
        Assert.NotEqual(keys[0], keys[2]);
    }

    [Fact]
    public async Task A_retried_post_reuses_its_idempotency_key()
    {
        var xero = new XeroHarness((_, index) => index == 0 ? XeroAnswers.Status(HttpStatusCode.InternalServerError) : Saved());

        var saving = xero.Client.SaveContactsAsync([Contact]);
        await xero.Clock.WaitForDelaysAsync(1);
        xero.Clock.Advance(xero.Clock.Delays[^1]);
        var results = await saving;

        Assert.True(results[0].IsOk);
        var keys = xero.Handler.ApiRequests.Select(r => r.Header("Idempotency-Key")).ToList();
        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(xero.Handler.ApiRequests[0].Body, xero.Handler.ApiRequests[1].Body);
    }

    [Fact]
    public async Task A_retry_waits_for_Retry_After_and_nothing_is_sent_early()
    {
        var xero = new XeroHarness((_, index) => index == 0
            ? XeroAnswers.Status(HttpStatusCode.ServiceUnavailable, ("Retry-After", "30"))
            : XeroAnswers.Currencies());

        var reading = xero.Client.GetCurrenciesAsync();
        await xero.Clock.WaitForDelaysAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(30), xero.Clock.Delays[0]);
        xero.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Single(xero.Handler.ApiRequests);
        Assert.False(reading.IsCompleted);

        xero.Clock.Advance(TimeSpan.FromSeconds(1));
        var currencies = await reading;

        Assert.Equal(2, xero.Handler.ApiRequests.Count);
        Assert.Equal("NZD", currencies[0].Code);
    }

    [Fact]
    public async Task A_post_is_not_resent_once_Xero_may_have_forgotten_its_key()
    {
        // Every answer asks for a minute's wait: attempts at 0, 1, 2, 3 and 4 minutes; a fifth
        // retry would land at 5 minutes, past the window (docs/xero-rules.md#x-idempotency-window; developer.xero.com/documentation/guides/idempotent-requests/idempotency: keys live 6 minutes).
        var xero = new XeroHarness(
            (_, _) => XeroAnswers.Status(HttpStatusCode.ServiceUnavailable, ("Retry-After", "60")),
            o => o.MaxRetryAttempts = 10);

        var saving = xero.Client.SaveContactsAsync([Contact]);
        for (var retry = 1; retry <= 4; retry++)
        {
            await xero.Clock.WaitForDelaysAsync(retry);
            xero.Clock.Advance(TimeSpan.FromSeconds(60));
        }
        var results = await saving;

        Assert.Equal(5, xero.Handler.ApiRequests.Count);
        Assert.Single(xero.Handler.ApiRequests.Select(r => r.Header("Idempotency-Key")).Distinct());
        Assert.Equal(ErrorKind.Transient, results[0].ErrorKind);
    }

    [Fact]
    public async Task Gets_are_retried_a_bounded_number_of_times()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Status(HttpStatusCode.BadGateway), o => o.MaxRetryAttempts = 2);

        var reading = xero.Client.GetCurrenciesAsync();
        for (var retry = 1; retry <= 2; retry++)
        {
            await xero.Clock.WaitForDelaysAsync(retry);
            xero.Clock.Advance(xero.Clock.Delays[^1]);
        }
        var failure = await Assert.ThrowsAsync<RemoteApiException>(() => reading);

        Assert.Equal(ErrorKind.Transient, failure.Kind);
        Assert.Equal("Xero", failure.Service);
        Assert.Equal(3, xero.Handler.ApiRequests.Count);
    }

    [Fact]
    public async Task A_network_fault_is_transient_and_retried()
    {
        var xero = new XeroHarness((_, index) => index == 0 ? throw new HttpRequestException("connection reset") : XeroAnswers.Currencies());

        var reading = xero.Client.GetCurrenciesAsync();
        await xero.Clock.WaitForDelaysAsync(1);
        xero.Clock.Advance(xero.Clock.Delays[^1]);

        Assert.Single(await reading);
    }

    [Fact]
    public async Task A_401_refreshes_the_token_once_and_sends_again()
    {
        var store = new InMemoryXeroGrantStore();
        var clock = new TestClock();
        await store.SaveAsync("main", new XeroGrant
        {
            RefreshToken = "refresh-1", AccessToken = "access-1", AccessTokenExpiresAt = clock.GetUtcNow().AddMinutes(20),
        }, default);
        var xero = new XeroHarness(
            (request, _) => request.IsTokenRequest ? XeroAnswers.Token("access-2", "refresh-2")
                : request.Header("Authorization") == "Bearer access-1" ? XeroAnswers.Json(HttpStatusCode.Unauthorized,
                    """{"Type":null,"Title":"Unauthorized","Status":401,"Detail":"TokenExpired: token expired at 10/01/2026 09:00:00"}""")
                : XeroAnswers.Currencies(),
            tokens: (http, options, _) => new XeroRefreshTokenSource(http, options, store, "main", clock));

        var currencies = await xero.Client.GetCurrenciesAsync();

        Assert.Single(currencies);
        Assert.Single(xero.Handler.Requests, r => r.IsTokenRequest);
        Assert.Equal(["Bearer access-1", "Bearer access-2"], xero.Handler.ApiRequests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task A_401_after_the_refresh_is_an_auth_failure_that_says_to_reconnect()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Json(HttpStatusCode.Unauthorized, """{"Title":"Unauthorized","Status":401,"Detail":"AuthorizationUnsuccessful"}"""));

        var failure = await Assert.ThrowsAsync<RemoteApiException>(() => xero.Client.GetCurrenciesAsync());

        Assert.Equal(ErrorKind.Auth, failure.Kind);
        Assert.Contains("d365-xero connect", failure.Message);
        Assert.Equal(2, xero.Handler.ApiRequests.Count);
    }

    [Fact]
    public async Task A_403_is_an_auth_failure_naming_the_tenant_and_the_scope_and_is_not_retried()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Json(HttpStatusCode.Forbidden, """{"Type":null,"Title":"Forbidden","Status":403,"Detail":"AuthenticationUnsuccessful"}"""));

        var failure = await Assert.ThrowsAsync<RemoteApiException>(() => xero.Client.GetContactByNumberAsync("D365-1"));

        Assert.Equal(ErrorKind.Auth, failure.Kind);
        Assert.Equal(403, failure.StatusCode);
        Assert.Contains("AuthenticationUnsuccessful", failure.Message);
        Assert.Contains(XeroHarness.Tenant, failure.Message);
        Assert.Contains("accounting.contacts", failure.Message);
        Assert.Single(xero.Handler.ApiRequests);
    }

    [Fact]
    public async Task A_400_query_parse_error_is_permanent_with_Xeros_message()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Json(HttpStatusCode.BadRequest,
            """{"ErrorNumber":16,"Type":"QueryParseException","Message":"Syntax error"}"""));

        var failure = await Assert.ThrowsAsync<RemoteApiException>(() => xero.Client.SearchContactsAsync("x"));

        Assert.Equal(ErrorKind.Permanent, failure.Kind);
        Assert.Contains("QueryParseException: Syntax error.", failure.Message);
        Assert.Single(xero.Handler.ApiRequests);
    }

    [Fact]
    public async Task Deleting_an_item_Xero_will_not_delete_is_permanent_with_its_message()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Json(HttpStatusCode.BadRequest, """
            {"ErrorNumber":10,"Type":"ValidationException","Message":"A validation exception occurred",
             "Elements":[{"ValidationErrors":[{"Message":"This item cannot be deleted as it has been used in transactions"}]}]}
            """));
        var itemId = Guid.NewGuid();

        var failure = await Assert.ThrowsAsync<RemoteApiException>(() => xero.Client.DeleteItemAsync(itemId));

        Assert.Equal(ErrorKind.Permanent, failure.Kind);
        Assert.Contains("This item cannot be deleted as it has been used in transactions.", failure.Message);
        Assert.Equal(HttpMethod.Delete, xero.Handler.ApiRequests[0].Method);
        Assert.Equal($"/api.xro/2.0/Items/{itemId}", xero.Handler.ApiRequests[0].PathAndQuery);
        Assert.Null(xero.Handler.ApiRequests[0].Header("Idempotency-Key"));
    }

    [Fact]
    public async Task Deleting_an_item_succeeds_on_204()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Empty(HttpStatusCode.NoContent));

        await xero.Client.DeleteItemAsync(Guid.NewGuid());

        Assert.Single(xero.Handler.ApiRequests);
    }

    [Fact]
    public async Task A_maintenance_page_that_is_not_json_is_transient_and_never_parsed()
    {
        var xero = new XeroHarness((_, _) => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
        {
            Content = new StringContent("<html>Xero is down for maintenance</html>", System.Text.Encoding.UTF8, "text/html"),
        }, o => o.MaxRetryAttempts = 0);

        var failure = await Assert.ThrowsAsync<RemoteApiException>(() => xero.Client.GetCurrenciesAsync());

        Assert.Equal(ErrorKind.Transient, failure.Kind);
        Assert.Contains("maintenance", failure.Message);
    }

    [Fact]
    public async Task Every_accounting_call_names_the_tenant_and_asks_for_json()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Currencies());

        await xero.Client.GetCurrenciesAsync();

        Assert.Equal(XeroHarness.Tenant, xero.Handler.ApiRequests[0].Header("xero-tenant-id"));
        Assert.Equal("application/json", xero.Handler.ApiRequests[0].Header("Accept"));
    }

    [Fact]
    public async Task Without_a_tenant_id_no_tenant_header_is_sent()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Currencies(), o => o.TenantId = null);

        await xero.Client.GetCurrenciesAsync();

        Assert.Null(xero.Handler.ApiRequests[0].Header("xero-tenant-id"));
    }

    [Fact]
    public async Task Calls_are_counted_by_operation_retries_included()
    {
        var xero = new XeroHarness((request, index) => index == 0 ? XeroAnswers.Status(HttpStatusCode.InternalServerError, ("Retry-After", "1"))
            : request.Method == HttpMethod.Post ? Saved() : XeroAnswers.Currencies());

        var reading = xero.Client.GetCurrenciesAsync();
        await xero.Clock.WaitForDelaysAsync(1);
        xero.Clock.Advance(TimeSpan.FromSeconds(1));
        await reading;
        await xero.Client.SaveContactsAsync([Contact]);

        Assert.Equal(2, xero.Client.CallsMade["GET Currencies"]);
        Assert.Equal(1, xero.Client.CallsMade["POST Contacts"]);
    }
}
