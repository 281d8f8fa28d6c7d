using D365Xero.Errors;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.RateLimiting;
using D365Xero.Tests.Target.Xero.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.Tests.Target.Xero.RateLimiting;

/// <summary>Xero:ReadShare (docs/product-rules.md#p-read-share): while writes wait, reads take at most their share of the day.</summary>
public sealed class ReadShareTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public async Task A_yielding_read_is_refused_once_the_days_reads_reach_their_share_while_reads_for_writes_and_writes_still_start()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var gate = new RateGate(new XeroOptions { DayLimit = 10, ReadShare = 20 }, clock); // two reads
        (await gate.EnterAsync(CallKind.Read, default)).Dispose();
        clock.Advance(TimeSpan.FromMinutes(1));
        (await gate.EnterAsync(CallKind.YieldingRead, default)).Dispose(); // the second read: still within the share

        var held = await Assert.ThrowsAsync<RemoteApiException>(() => gate.EnterAsync(CallKind.YieldingRead, default));

        Assert.True(ReadShare.IsHeld(held));
        Assert.Equal(ErrorKind.Transient, held.Kind);
        Assert.Equal(Day - TimeSpan.FromMinutes(1), held.RetryAfter); // when the first read leaves the rolling day
        Assert.Contains("Xero:ReadShare 20 %", held.Message);
        var budget = gate.Snapshot();
        Assert.Equal((2, 2), (budget.ReadsInDay, budget.ReadLimit));
        Assert.Equal(clock.GetUtcNow() + held.RetryAfter, budget.ReadsHeldUntil);
        Assert.Null(budget.ParkedUntil); // the organisation is not parked: only the round trip waits
        Assert.Equal(8, budget.DayRemaining); // the refused read was not counted

        // Matching's reads serve the writes: they go, and count.
        (await gate.EnterAsync(CallKind.Read, default)).Dispose();
        // Writes go, and are not reads.
        for (var i = 0; i < 5; i++) (await gate.EnterAsync(CallKind.Write, default)).Dispose();
        budget = gate.Snapshot();
        Assert.Equal(3, budget.ReadsInDay);
        Assert.Equal(2, budget.DayRemaining);

        // Three reads against a share of two: a yielding read waits until two have left, not one.
        held = await Assert.ThrowsAsync<RemoteApiException>(() => gate.EnterAsync(CallKind.YieldingRead, default));
        Assert.Equal(Day, held.RetryAfter);
        clock.Advance(Day - TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<RemoteApiException>(() => gate.EnterAsync(CallKind.YieldingRead, default));
        clock.Advance(TimeSpan.FromMinutes(1));

        (await gate.EnterAsync(CallKind.YieldingRead, default)).Dispose();
        budget = gate.Snapshot();
        Assert.Null(budget.ReadsHeldUntil);
        Assert.Equal(1, budget.ReadsInDay);
    }

    [Fact]
    public async Task Below_the_share_a_yielding_read_starts_like_any_other()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var gate = new RateGate(new XeroOptions { DayLimit = 1000 }, clock); // the default 20 %: 200 reads, Starter's share
        for (var i = 0; i < 199; i++)
        {
            (await gate.EnterAsync(CallKind.YieldingRead, default)).Dispose();
            clock.Advance(TimeSpan.FromSeconds(2)); // within Xero's 60 a minute
        }
        (await gate.EnterAsync(CallKind.YieldingRead, default)).Dispose();

        Assert.Equal((200, 200), (gate.Snapshot().ReadsInDay, gate.Snapshot().ReadLimit));
        await Assert.ThrowsAsync<RemoteApiException>(() => gate.EnterAsync(CallKind.YieldingRead, default));
        Assert.Equal(800, gate.Snapshot().DayRemaining); // what the writes keep
    }

    [Fact]
    public async Task Once_no_write_waits_the_round_trip_reads_beyond_the_share_and_is_no_longer_held()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var gate = new RateGate(new XeroOptions { DayLimit = 10, ReadShare = 10 }, clock); // one read
        (await gate.EnterAsync(CallKind.Read, default)).Dispose();
        await Assert.ThrowsAsync<RemoteApiException>(() => gate.EnterAsync(CallKind.YieldingRead, default));
        Assert.NotNull(gate.Snapshot().ReadsHeldUntil);

        (await gate.EnterAsync(CallKind.RoundTripRead, default)).Dispose();

        Assert.Null(gate.Snapshot().ReadsHeldUntil);
        Assert.Equal(2, gate.Snapshot().ReadsInDay);
    }

    [Theory]
    [InlineData(5000, 20, 1000)]
    [InlineData(1000, 20, 200)] // Starter
    [InlineData(3, 20, 1)] // at least one
    [InlineData(1000, 100, 1000)]
    public void The_share_is_a_percentage_of_the_day_limit(int dayLimit, int share, int reads) =>
        Assert.Equal(reads, ReadShare.Limit(new XeroOptions { DayLimit = dayLimit, ReadShare = share }));

    [Fact]
    public async Task A_GET_made_while_yielding_to_writes_is_not_sent_beyond_the_share_and_a_write_still_is()
    {
        var xero = new XeroHarness((_, _) => XeroAnswers.Currencies(), o => { o.DayLimit = 10; o.ReadShare = 10; }); // one read
        await xero.Client.GetCurrenciesAsync();

        using (ReadShare.RoundTrip(writesWaiting: true))
        {
            var held = await Assert.ThrowsAsync<RemoteApiException>(() => xero.Client.GetCurrenciesAsync());
            Assert.True(ReadShare.IsHeld(held));
            Assert.Single(xero.Handler.ApiRequests);
            await xero.Client.DeleteItemAsync(Guid.NewGuid()); // a write: not held
            Assert.Equal(2, xero.Handler.ApiRequests.Count);
        }

        Assert.False(ReadShare.IsYielding);
        await xero.Client.GetCurrenciesAsync(); // outside the scope a read is for the writes: it goes
        Assert.Equal(3, xero.Handler.ApiRequests.Count);
        Assert.Equal(2, xero.Client.Budget.ReadsInDay);
        Assert.Equal(2, xero.Client.CallsMade["GET Currencies"]); // the one held back was never sent, nor counted
    }
}
