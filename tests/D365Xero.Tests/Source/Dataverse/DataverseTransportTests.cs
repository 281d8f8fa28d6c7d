using System.Net;
using D365Xero.Errors;
using D365Xero.Source.Dataverse;
using D365Xero.Tests.Source.Dataverse.Fakes;

namespace D365Xero.Tests.Source.Dataverse;

public sealed class DataverseTransportTests
{
    private static readonly Guid AccountId = Guid.Parse("78914942-34cb-ed11-b596-0022481d68cd");

    [Fact]
    public async Task Every_request_carries_the_odata_headers_and_the_bearer_token()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(Samples.Read("query-accounts-formatted-values.json"));

        await h.Client.QueryAsync("accounts?$select=name").CollectAsync();

        var request = Assert.Single(h.Fake.Requests);
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal("4.0", request.Header("OData-MaxVersion"));
        Assert.Equal("4.0", request.Header("OData-Version"));
        Assert.Equal("null", request.Header("If-None-Match"));
        Assert.Equal("Bearer token-1", request.Header("Authorization"));
    }

    [Fact]
    public async Task Unauthorized_drops_the_token_and_retries_once_with_a_new_one()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.Unauthorized).Enqueue(Samples.Read("query-accounts-formatted-values.json"));

        var rows = await h.Client.QueryAsync("accounts?$select=name").CollectAsync();

        Assert.Single(rows);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], h.Fake.Requests.Select(r => r.Header("Authorization")));
        Assert.Equal(2, h.Fake.TokenRequests.Count);
    }

    [Fact]
    public async Task Unauthorized_after_the_refresh_is_an_auth_error()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.Unauthorized).Enqueue(HttpStatusCode.Unauthorized);

        var e = await Assert.ThrowsAsync<RemoteApiException>(() => h.Client.GetAsync("accounts", AccountId, "name"));

        Assert.Equal(ErrorKind.Auth, e.Kind);
        Assert.Equal(401, e.StatusCode);
        Assert.Contains("Dataverse:ClientId", e.Message);
        Assert.Equal(2, h.Fake.Requests.Count);
    }

    [Fact]
    public async Task Forbidden_is_an_auth_error_carrying_the_privilege_message()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.Forbidden,
            """{"error":{"code":"0x80040220","message":"Principal user (Id=1) is missing prvReadAccount privilege (Id=2) on OTC=1 for entity 'account'."}}""");

        var e = await Assert.ThrowsAsync<RemoteApiException>(() => h.Client.GetAsync("accounts", AccountId, "name"));

        Assert.Equal(ErrorKind.Auth, e.Kind);
        Assert.Contains("prvReadAccount", e.Message);
    }

    [Fact]
    public async Task Throttled_request_waits_for_Retry_After_on_the_clock_before_sending_again()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.TooManyRequests, Samples.Read("error-429-service-protection-number-of-requests.txt"), ("Retry-After", "7"))
            .Enqueue(Samples.Read("query-accounts-formatted-values.json"));

        var query = h.Client.QueryAsync("accounts?$select=name").CollectAsync();
        await h.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(7));

        h.Clock.Advance(TimeSpan.FromSeconds(6.9));
        Assert.Single(h.Fake.Requests);
        Assert.False(query.IsCompleted);

        h.Clock.Advance(TimeSpan.FromSeconds(0.1));
        var rows = await query;

        Assert.Single(rows);
        Assert.Equal(2, h.Fake.Requests.Count);
    }

    [Fact]
    public async Task Throttling_without_Retry_After_backs_off_exponentially()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.TooManyRequests).Enqueue(HttpStatusCode.TooManyRequests)
            .Enqueue(Samples.Read("query-accounts-formatted-values.json"));

        var query = h.Client.QueryAsync("accounts?$select=name").CollectAsync();
        await h.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        h.Clock.Advance(TimeSpan.FromSeconds(2));
        await h.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(4));
        h.Clock.Advance(TimeSpan.FromSeconds(4));

        Assert.Single(await query);
        Assert.Equal(3, h.Fake.Requests.Count);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_a_transient_error_with_Dataverse_message()
    {
        var h = new DataverseHarness(o => o.MaxRetryAttempts = 1);
        var body = Samples.Read("error-429-service-protection-number-of-requests.txt");
        h.Fake.Enqueue(HttpStatusCode.TooManyRequests, body, ("Retry-After", "30"))
            .Enqueue(HttpStatusCode.TooManyRequests, body, ("Retry-After", "30"));

        var get = h.Client.GetAsync("accounts", AccountId, "name");
        await h.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var e = await Assert.ThrowsAsync<RemoteApiException>(() => get);

        Assert.Equal(ErrorKind.Transient, e.Kind);
        Assert.Equal(429, e.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), e.RetryAfter);
        Assert.Contains("Number of requests exceeded the limit of 8000", e.Message);
    }

    [Fact]
    public async Task Server_error_on_a_read_is_retried()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.ServiceUnavailable).Enqueue(Samples.Read("query-accounts-formatted-values.json"));

        var query = h.Client.QueryAsync("accounts?$select=name").CollectAsync();
        await h.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        h.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Single(await query);
    }

    [Fact]
    public async Task Server_error_on_a_create_is_not_retried()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.OK, """{"value":[]}""").Enqueue(HttpStatusCode.InternalServerError, """{"error":{"code":"0x80040216","message":"An unexpected error occurred."}}""");

        var e = await Assert.ThrowsAsync<RemoteApiException>(() => h.Client.EnsurePublisherAndSolutionAsync("xero"));

        Assert.Equal(ErrorKind.Transient, e.Kind);
        Assert.Equal(2, h.Fake.Requests.Count);
    }

    [Fact]
    public async Task Refused_write_is_a_permanent_error_with_Dataverse_message()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.PreconditionFailed, Samples.Read("error-412-etag-mismatch.json"));

        var e = await Assert.ThrowsAsync<RemoteApiException>(() => h.Client.PatchAsync("accounts", AccountId, new() { ["name"] = "x" }));

        Assert.Equal(ErrorKind.Permanent, e.Kind);
        Assert.Contains("doesn't match the RowVersion", e.Message);
    }

    [Fact]
    public async Task Requests_are_counted_by_operation_including_retries()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.Unauthorized).Enqueue(Samples.Read("query-accounts-formatted-values.json"))
            .Enqueue(HttpStatusCode.NoContent);

        await h.Client.QueryAsync("accounts?$select=name").CollectAsync();
        await h.Client.PatchAsync("accounts", AccountId, new() { ["name"] = "x" });

        Assert.Equal(2, h.Client.Calls[DataverseOperation.Query]);
        Assert.Equal(1, h.Client.Calls[DataverseOperation.Patch]);
        Assert.Equal(3, h.Client.Calls.Total);
    }

    [Fact]
    public async Task Read_that_outlasts_the_request_timeout_is_abandoned_and_retried()
    {
        var h = new DataverseHarness(o => o.RequestTimeout = TimeSpan.FromSeconds(30));
        var entered = new TaskCompletionSource();
        h.Fake.EnqueueHang(entered).Enqueue(Samples.Read("query-accounts-formatted-values.json"));

        var query = h.Client.QueryAsync("accounts?$select=name").CollectAsync();
        await entered.Task;
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await h.Clock.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        h.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Single(await query);
        Assert.Equal(2, h.Fake.Requests.Count);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_a_retry_or_a_remote_error()
    {
        var h = new DataverseHarness();
        var entered = new TaskCompletionSource();
        h.Fake.EnqueueHang(entered);
        using var cancel = new CancellationTokenSource();

        var get = h.Client.GetAsync("accounts", AccountId, "name", cancel.Token);
        await entered.Task;
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => get);
        Assert.Single(h.Fake.Requests);
    }
}
