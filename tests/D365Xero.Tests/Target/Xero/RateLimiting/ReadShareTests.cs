using D365Xero.Errors;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.RateLimiting;
using D365Xero.Tests.Target.Xero.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.Tests.Target.Xero.RateLimiting;

/// <summary>Xero:ReadShare: reads take at most their share of the day's budget; beyond it a read is deferred, writes still go.</summary>
public sealed class ReadShareTests
{
    [Fact]
    public async Task Reads_beyond_their_share_of_the_day_are_deferred_while_writes_still_start()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var gate = new RateGate(new XeroOptions { DayLimit = 10, ReadShare = 20 }, clock);
        (await gate.EnterAsync(read: true, default)).Dispose();
        clock.Advance(TimeSpan.FromMinutes(1));
        (await gate.EnterAsync(read: true, default)).Dispose();

        var deferred = await Assert.ThrowsAsync<RemoteApiException>(() => gate.EnterAsync(read: true, default));
        Assert.Equal(ErrorKind.Transient, deferred.Kind);
        Assert.Equal(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1), deferred.RetryAfter); // the first read leaves the rolling day
        Assert.Contains("Xero:ReadShare", deferred.Message);
        Assert.Equal(clock.GetUtcNow() + deferred.RetryAfter, gate.Snapshot().ReadsDeferredUntil);
        Assert.Null(gate.Snapshot().ParkedUntil); // the organisation is not parked: writes go
        for (var i = 0; i < 8; i++) (await gate.EnterAsync(read: false, default)).Dispose();
        Assert.Equal(0, gate.Snapshot().DayRemaining);

        clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1));
        (await gate.EnterAsync(read: true, default)).Dispose();
        Assert.Null(gate.Snapshot().ReadsDeferredUntil);
    }

    [Theory]
    [InlineData(5000, 20, 1000)]
    [InlineData(1000, 20, 200)] // Starter
    [InlineData(3, 20, 1)] // at least one
    [InlineData(1000, 100, 1000)]
    public void The_reads_share_is_a_percentage_of_the_day_limit(int dayLimit, int share, int reads) =>
        Assert.Equal(reads, RateGate.ReadLimit(new XeroOptions { DayLimit = dayLimit, ReadShare = share }));

    [Fact]
    public async Task A_GET_beyond_the_share_is_not_sent_to_Xero()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Currencies(), o => { o.DayLimit = 10; o.ReadShare = 10; });
        await xero.Client.GetCurrenciesAsync();

        var deferred = await Assert.ThrowsAsync<RemoteApiException>(() => xero.Client.GetCurrenciesAsync());

        Assert.Equal(ErrorKind.Transient, deferred.Kind);
        Assert.Single(xero.Handler.ApiRequests);
        Assert.NotNull(xero.Client.Budget.ReadsDeferredUntil);
    }
}
