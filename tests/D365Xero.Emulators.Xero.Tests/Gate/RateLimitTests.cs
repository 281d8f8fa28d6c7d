using System.Net;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Gate;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Every_api_response_carries_the_remaining_counts()
    {
        await using var host = await XeroTestHost.StartAsync();

        var first = await host.Get("/api.xro/2.0/Contacts");
        var second = await host.Get("/api.xro/2.0/Contacts");

        Assert.Equal("59", first.Header("X-MinLimit-Remaining"));
        Assert.Equal("4999", first.Header("X-DayLimit-Remaining"));
        Assert.Equal("9999", first.Header("X-AppMinLimit-Remaining"));
        Assert.Equal("58", second.Header("X-MinLimit-Remaining"));
    }

    [Fact]
    public async Task Minute_limit_answers_429_with_Retry_After_until_the_window_slides()
    {
        await using var host = await XeroTestHost.StartAsync(configure: o => o.MinuteLimit = 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Get("/api.xro/2.0/Contacts")).Status);
            host.Time.Advance(TimeSpan.FromSeconds(10));
        }

        var refused = await host.Get("/api.xro/2.0/Contacts");
        host.Time.Advance(TimeSpan.FromSeconds(30));
        var admitted = await host.Get("/api.xro/2.0/Contacts");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("minute", refused.Header("X-Rate-Limit-Problem"));
        Assert.Equal("30", refused.Header("Retry-After"));
        Assert.Equal("0", refused.Header("X-MinLimit-Remaining"));
        Assert.Equal(HttpStatusCode.OK, admitted.Status);
    }

    [Fact]
    public async Task Day_limit_answers_429_day()
    {
        await using var host = await XeroTestHost.StartAsync(configure: o => o.DayLimit = 2);
        await host.Get("/api.xro/2.0/Contacts");
        await host.Get("/api.xro/2.0/Contacts");

        var refused = await host.Get("/api.xro/2.0/Contacts");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("day", refused.Header("X-Rate-Limit-Problem"));
        Assert.Equal("0", refused.Header("X-DayLimit-Remaining"));
        Assert.Equal(86400, int.Parse(refused.Header("Retry-After")!));
    }

    [Fact]
    public async Task Compressed_minute_window_from_the_control_api()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.Post("/_emulator/limits", new { minuteLimit = 1, minuteWindowSeconds = 2.0 });
        await host.Get("/api.xro/2.0/Contacts");

        var refused = await host.Get("/api.xro/2.0/Contacts");
        host.Time.Advance(TimeSpan.FromSeconds(2));
        var admitted = await host.Get("/api.xro/2.0/Contacts");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("2", refused.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, admitted.Status);
    }

    [Fact]
    public async Task More_calls_in_flight_than_the_concurrent_limit_answer_429_concurrent()
    {
        await using var host = await XeroTestHost.StartAsync(configure: o => o.ConcurrentLimit = 2);
        // Injected latency runs on the fake clock, so these two calls stay in flight until the test advances it.
        await host.Post("/_emulator/faults", new { delayMs = 1000 });
        var slow = new[] { host.Get("/api.xro/2.0/Contacts"), host.Get("/api.xro/2.0/Contacts") };
        await WaitForInFlight(host, 2);

        var refused = await host.Get("/api.xro/2.0/Contacts");
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var finished = await Task.WhenAll(slow);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("concurrent", refused.Header("X-Rate-Limit-Problem"));
        Assert.True(int.Parse(refused.Header("Retry-After")!) >= 1);
        Assert.All(finished, r => Assert.Equal(HttpStatusCode.OK, r.Status));
    }

    [Fact]
    public async Task Identity_endpoints_are_not_rate_limited()
    {
        await using var host = await XeroTestHost.StartAsync(configure: o => o.MinuteLimit = 1);
        await host.Get("/api.xro/2.0/Contacts");

        var token = await host.Token(new() { ["grant_type"] = "client_credentials" });

        Assert.Equal(HttpStatusCode.OK, token.Status);
    }

    /// <summary>Polls the emulator's own counter (real HTTP calls, bounded), never sleeping on a clock.</summary>
    internal static async Task WaitForInFlight(XeroTestHost host, int expected)
    {
        for (var attempt = 0; attempt < 2000; attempt++)
        {
            var stats = await host.Get("/_emulator/stats");
            if (stats.Body!["inFlight"]!.GetValue<int>() >= expected) return;
            await Task.Yield();
        }
        Assert.Fail($"Never saw {expected} calls in flight.");
    }
}
