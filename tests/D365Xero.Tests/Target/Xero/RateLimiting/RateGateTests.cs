using System.Net;
using D365Xero.Errors;
using D365Xero.Tests.Target.Xero.Fakes;

namespace D365Xero.Tests.Target.Xero.RateLimiting;

public sealed class RateGateTests
{
    [Fact]
    public async Task The_61st_call_in_a_minute_waits_for_the_window_to_roll_and_the_arrival_margin()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Currencies());
        for (var i = 0; i < 60; i++) await xero.Client.GetCurrenciesAsync();

        var sixtyFirst = xero.Client.GetCurrenciesAsync();
        await xero.Clock.WaitForDelaysAsync(1);
        // One minute, plus 2 % (1.2 s) so the call cannot reach Xero while Xero still counts the first.
        Assert.Equal(TimeSpan.FromSeconds(61.2), xero.Clock.Delays[0]);
        xero.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(60, xero.Handler.ApiRequests.Count);
        Assert.Equal(0, xero.Client.Budget.MinuteRemaining);

        xero.Clock.Advance(TimeSpan.FromMilliseconds(200));
        await sixtyFirst;

        Assert.Equal(61, xero.Handler.ApiRequests.Count);
    }

    [Theory]
    [InlineData(60_000, 61_200)] // Xero's minute: 2 %
    [InlineData(10_000, 10_250)] // compressed: the 250 ms floor, not 200 ms
    [InlineData(1_000, 1_250)] // compressed 60×: the floor, not 20 ms
    public void A_compressed_minute_keeps_at_least_a_quarter_second_for_calls_to_arrive(int minuteMs, int countedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(countedMs), D365Xero.Target.Xero.RateLimiting.RateGate.CountingWindow(TimeSpan.FromMilliseconds(minuteMs)));
    }

    [Fact]
    public async Task A_slow_call_holds_its_place_in_the_minute_from_its_answer_not_its_start()
    {
        // Xero counts a call when it arrives, somewhere between our start and its answer: a call slow to
        // arrive must not free its place a minute after it started.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var gate = new D365Xero.Target.Xero.RateLimiting.RateGate(new D365Xero.Target.Xero.XeroOptions { MinuteLimit = 2 }, clock);
        var slow = await gate.EnterAsync(D365Xero.Target.Xero.RateLimiting.CallKind.Write, default);
        clock.Advance(TimeSpan.FromSeconds(10));
        slow.Dispose(); // answered 10 s after it started
        (await gate.EnterAsync(D365Xero.Target.Xero.RateLimiting.CallKind.Write, default)).Dispose();

        var third = gate.EnterAsync(D365Xero.Target.Xero.RateLimiting.CallKind.Write, default);
        clock.Advance(TimeSpan.FromSeconds(55)); // 65 s after the slow call started, 55 s after its answer
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(6.3)); // 61.3 s after its answer: a minute and the 1.2 s margin
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task At_most_five_calls_are_in_flight()
    {
        var held = new TaskCompletionSource<HttpResponseMessage>[8];
        for (var i = 0; i < held.Length; i++) held[i] = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var xero = new XeroHarness((_, index) => held[index].Task);

        var calls = Enumerable.Range(0, 8).Select(_ => xero.Client.GetCurrenciesAsync()).ToList();
        await xero.Handler.WaitForApiRequestsAsync(5);
        await Task.Yield();

        Assert.Equal(5, xero.Handler.ApiRequests.Count);
        Assert.Equal(5, xero.Client.Budget.InFlight);

        held[0].SetResult(XeroAnswers.Currencies());
        await xero.Handler.WaitForApiRequestsAsync(6);
        foreach (var h in held) h.TrySetResult(XeroAnswers.Currencies());
        await Task.WhenAll(calls);

        Assert.Equal(8, xero.Handler.ApiRequests.Count);
        Assert.Equal(5, xero.Handler.MaxInFlight);
        Assert.Equal(0, xero.Client.Budget.InFlight);
    }

    [Fact]
    public async Task A_spent_day_parks_the_organisation_until_Retry_After()
    {
        var xero = new XeroHarness((_, index) => index == 0
            ? XeroAnswers.Status(HttpStatusCode.TooManyRequests,
                ("Retry-After", "3600"), ("X-Rate-Limit-Problem", "day"), ("X-DayLimit-Remaining", "0"), ("X-MinLimit-Remaining", "60"))
            : XeroAnswers.Currencies());
        var start = xero.Clock.GetUtcNow();

        var first = await Assert.ThrowsAsync<RemoteApiException>(() => xero.Client.GetCurrenciesAsync());
        var second = await Assert.ThrowsAsync<RemoteApiException>(() => xero.Client.GetCurrenciesAsync());

        Assert.Equal(ErrorKind.Transient, first.Kind);
        Assert.Equal(TimeSpan.FromHours(1), first.RetryAfter);
        Assert.Equal(ErrorKind.Transient, second.Kind);
        Assert.Contains("daily call limit", second.Message);
        Assert.Equal(TimeSpan.FromHours(1), second.RetryAfter);
        Assert.Single(xero.Handler.ApiRequests);
        var budget = xero.Client.Budget;
        Assert.Equal(start.AddHours(1), budget.ParkedUntil);
        Assert.Equal(0, budget.DayRemaining);
        Assert.Equal(1, budget.Http429);

        xero.Clock.Advance(TimeSpan.FromHours(1));
        await xero.Client.GetCurrenciesAsync();

        Assert.Equal(2, xero.Handler.ApiRequests.Count);
        Assert.Null(xero.Client.Budget.ParkedUntil);
    }

    [Fact]
    public async Task No_call_starts_when_Xero_says_the_day_has_none_left()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Currencies(("X-DayLimit-Remaining", "0")));

        await xero.Client.GetCurrenciesAsync();
        var parked = await Assert.ThrowsAsync<RemoteApiException>(() => xero.Client.GetCurrenciesAsync());

        Assert.Equal(xero.Options.DayLimitProbeInterval, parked.RetryAfter);
        Assert.Single(xero.Handler.ApiRequests);
    }

    [Fact]
    public async Task A_429_pauses_every_call_to_the_organisation_until_Retry_After()
    {
        var xero = new XeroHarness((_, index) => index == 0
            ? XeroAnswers.Status(HttpStatusCode.TooManyRequests, ("Retry-After", "20"), ("X-Rate-Limit-Problem", "minute"))
            : XeroAnswers.Currencies(), o => o.MaxRetryAttempts = 0);

        await Assert.ThrowsAsync<RemoteApiException>(() => xero.Client.GetCurrenciesAsync());
        var next = xero.Client.GetAccountsAsync();
        await xero.Clock.WaitForDelaysAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(20), xero.Clock.Delays[0]);
        xero.Clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Single(xero.Handler.ApiRequests);

        xero.Clock.Advance(TimeSpan.FromSeconds(1));
        await next;

        Assert.Equal(2, xero.Handler.ApiRequests.Count);
    }

    [Fact]
    public async Task When_Xero_says_the_minute_is_spent_the_next_call_waits_for_the_window()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Currencies(("X-MinLimit-Remaining", "0")));

        await xero.Client.GetCurrenciesAsync();
        var next = xero.Client.GetCurrenciesAsync();
        await xero.Clock.WaitForDelaysAsync(1);
        xero.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Single(xero.Handler.ApiRequests);

        // A minute from the first call's start, plus the 2 % arrival margin.
        xero.Clock.Advance(TimeSpan.FromMilliseconds(200));
        await next;
        Assert.Equal(2, xero.Handler.ApiRequests.Count);
    }

    [Fact]
    public async Task The_budget_reports_what_Xero_said_less_the_calls_made_since()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Currencies(("X-MinLimit-Remaining", "42"), ("X-DayLimit-Remaining", "4321")));

        await xero.Client.GetCurrenciesAsync();

        var budget = xero.Client.Budget;
        Assert.Equal(42, budget.MinuteRemaining);
        Assert.Equal(4321, budget.DayRemaining);
        Assert.Equal(1, budget.CallsMade);
        Assert.Null(budget.ParkedUntil);
    }
}
