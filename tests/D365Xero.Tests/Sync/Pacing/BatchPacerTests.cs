using D365Xero.Journal;
using D365Xero.Sync.Pacing;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.Tests.Sync.Pacing;

/// <summary>
/// When `serve` sends a partial batch at once and when it waits for a fuller one: by the rate changes arrive
/// and the budget left, never longer than Sync:MaxBatchWait. Xero's real minute: 60 calls, 1 a second.
/// </summary>
public sealed class BatchPacerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(3);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly XeroOptions _xero = new() { MinuteLimit = 60, MinuteWindow = TimeSpan.FromMinutes(1), DayLimit = 1000 };
    private RateBudget _budget = new(MinuteRemaining: 60, DayRemaining: 1000, ParkedUntil: null, InFlight: 0, CallsMade: 0, Http429: 0);

    private BatchPacer Pacer(TimeSpan? wait = null) => new(_time, wait ?? Wait, _xero, () => _budget);

    private DateTimeOffset Ago(double seconds) => _time.GetUtcNow() - TimeSpan.FromSeconds(seconds);

    private static Dictionary<string, JournalLook> Look(long ready, DateTimeOffset oldest, long recent, string table = "account") =>
        new() { [table] = new JournalLook(ready, ready, oldest, recent) };

    [Fact]
    public void A_trickle_goes_at_once()
    {
        // One change waiting, two more over the last 10 s: 0.3 a second, far under half of Xero's 1 a second.
        var pace = Pacer().Decide("account", Look(1, Ago(0), recent: 3), 50);

        Assert.Equal(new Pace(1, null), pace);
    }

    [Fact]
    public void A_stream_faster_than_half_the_minute_waits_for_a_fuller_batch_at_most_the_wait_from_its_oldest_change()
    {
        // 20 a second (200 over the horizon) against 60 calls a minute: one call each would spend the minute in 3 s.
        var oldest = Ago(1);
        var pace = Pacer().Decide("account", Look(20, oldest, recent: 200), 50);

        Assert.Equal(new Pace(0, oldest + Wait), pace);
    }

    [Fact]
    public void A_held_batch_goes_once_its_oldest_change_has_waited_the_wait()
    {
        var pace = Pacer().Decide("account", Look(40, Ago(3), recent: 200), 50);

        Assert.Equal(new Pace(1, null), pace);
    }

    [Fact]
    public void Full_batches_go_at_once_and_the_rest_waits_for_the_next_look()
    {
        var pacer = Pacer();

        Assert.Equal(new Pace(2, null), pacer.Decide("account", Look(100, Ago(0), recent: 100), 50));
        // 130 ready: two full batches now; the 30 after them are decided by their own oldest row on the next look.
        Assert.Equal(new Pace(2, null), pacer.Decide("account", Look(130, Ago(5), recent: 130), 50));
    }

    [Fact]
    public void Changes_the_minute_could_carry_one_call_each_go_at_once_while_the_minute_left_covers_them()
    {
        // 0.8 a second (8 over the horizon) is under the minute's pace of 1 a second; 8 calls over the next 10 s must be left.
        Assert.Equal(new Pace(1, null), Pacer().Decide("account", Look(1, Ago(0), recent: 8), 50));

        _budget = _budget with { MinuteRemaining = 7 };
        Assert.Equal(0, Pacer().Decide("account", Look(1, Ago(0), recent: 8), 50).Batches);
    }

    [Fact]
    public void A_minute_nearly_spent_makes_even_a_trickle_wait()
    {
        _budget = _budget with { MinuteRemaining = BatchPacer.MinuteReserve - 1 };

        var pace = Pacer().Decide("account", Look(1, Ago(0), recent: 1), 50);

        Assert.Equal(0, pace.Batches);
        Assert.NotNull(pace.HoldUntil);
    }

    [Fact]
    public void While_the_minute_is_spent_even_a_batch_past_its_wait_is_held_a_moment_so_it_does_not_queue_half_empty_at_the_gate()
    {
        _budget = _budget with { MinuteRemaining = 0 };
        var pacer = Pacer();

        Assert.Equal(new Pace(0, _time.GetUtcNow() + BatchPacer.SpentMinuteRecheck), pacer.Decide("account", Look(20, Ago(10), recent: 200), 50));
        // A full batch still goes: it is as full as it can be, and waits its turn at the gate.
        Assert.Equal(new Pace(1, null), pacer.Decide("account", Look(50, Ago(10), recent: 200), 50));
    }

    [Fact]
    public void The_last_tenth_of_the_day_makes_even_a_trickle_wait()
    {
        _budget = _budget with { DayRemaining = 99 };

        Assert.Equal(0, Pacer().Decide("account", Look(1, Ago(0), recent: 1), 50).Batches);
    }

    [Fact]
    public void Arrivals_of_every_table_that_writes_to_Xero_share_the_budget()
    {
        // One account change in 10 s is a trickle on its own; with products arriving at 10 a second it waits.
        var look = new Dictionary<string, JournalLook>
        {
            ["account"] = new(1, 1, Ago(0), 1),
            ["product"] = new(0, 0, null, 0),
        };
        Assert.Equal(1, Pacer().Decide("account", look, 50).Batches);

        look["product"] = new(100, 0, null, 100); // 10 a second of products, all claimed or not yet due
        Assert.Equal(0, Pacer().Decide("account", look, 50).Batches);
    }

    [Fact]
    public void Rows_this_worker_claimed_still_count_as_arrivals_within_the_horizon()
    {
        var pacer = Pacer();
        var claimed = Enumerable.Range(0, 50).Select(i => new WorkItem(i, "c", "account", Guid.NewGuid(), 1, 0) { EnqueuedAt = Ago(2) }).ToList();
        pacer.Claimed("account", claimed);

        Assert.Equal(5.0, pacer.ArrivalRate("account", new JournalLook(0, 0, null, 0)));
        Assert.Equal(0, pacer.Decide("account", Look(1, Ago(0), recent: 0), 50).Batches);

        _time.Advance(BatchPacer.RateHorizon);
        Assert.Equal(0.0, pacer.ArrivalRate("account", new JournalLook(0, 0, null, 0)));
        Assert.Equal(1, pacer.Decide("account", Look(1, Ago(0), recent: 0), 50).Batches);
    }

    [Fact]
    public void A_wait_of_zero_turns_the_pacing_off()
    {
        Assert.Equal(new Pace(1, null), Pacer(TimeSpan.Zero).Decide("account", Look(1, Ago(0), recent: 500), 50));
    }

    [Fact]
    public void A_compressed_minute_carries_more_calls_so_the_same_stream_goes_at_once()
    {
        // The benchmark's stream runs Xero's minute in 1 s (60 calls a second): 10 changes a second is a trickle there.
        _xero.MinuteWindow = TimeSpan.FromSeconds(1);

        Assert.Equal(new Pace(1, null), Pacer().Decide("account", Look(1, Ago(0), recent: 100), 50));
    }
}
