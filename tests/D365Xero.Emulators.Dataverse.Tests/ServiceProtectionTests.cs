using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse.Tests;

public sealed class ServiceProtectionTests
{
    [Fact]
    public async Task Request_limit_answers_429_with_retry_after_until_window_slides()
    {
        await using var emulator = await TestEmulator.StartAsync(configure: o => { o.RequestsPerWindow = 3; o.ThrottleWindow = TimeSpan.FromSeconds(60); });
        for (var i = 0; i < 3; i++)
        {
            using var ok = await emulator.SendAsync(HttpMethod.Get, "accounts");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var throttled = await emulator.SendAsync(HttpMethod.Get, "accounts");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(60, (int)throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
        var error = await TestEmulator.ErrorAsync(throttled);
        Assert.Equal("0x80072322", error["code"]!.GetValue<string>());
        Assert.Equal("Number of requests exceeded the limit of 3 over time window of 60 seconds.", error["message"]!.GetValue<string>());

        emulator.Time.Advance(TimeSpan.FromSeconds(61));
        using var again = await emulator.SendAsync(HttpMethod.Get, "accounts");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Fault_burst_and_stats_are_reported()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using (await emulator.Http.PostAsJsonAsync("/_emulator/faults", new { burst429 = 2, retryAfterSeconds = 7 })) { }
        using (var first = await emulator.SendAsync(HttpMethod.Get, "accounts"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
            Assert.Equal(7, (int)first.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
        }
        using (await emulator.SendAsync(HttpMethod.Get, "accounts")) { }
        using (var third = await emulator.SendAsync(HttpMethod.Patch, $"accounts({Guid.NewGuid()})", new { name = "x" })) Assert.Equal(HttpStatusCode.NoContent, third.StatusCode);

        var stats = JsonNode.Parse(await emulator.Http.GetStringAsync("/_emulator/stats"))!;
        Assert.Equal(3, stats["apiCalls"]!.GetValue<int>());
        Assert.Equal(2, stats["byOperation"]!["GET accounts"]!.GetValue<int>());
        Assert.Equal(1, stats["byOperation"]!["PATCH accounts"]!.GetValue<int>());
        Assert.Equal(2, stats["http429"]!.GetValue<int>());
    }

    [Fact]
    public async Task Error_rate_injects_the_chosen_status_until_cleared()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using (await emulator.Http.PostAsJsonAsync("/_emulator/faults", new { errorRate = 1.0, errorStatus = 503 })) { }
        using (var failed = await emulator.SendAsync(HttpMethod.Get, "accounts")) Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        using (await emulator.Http.DeleteAsync("/_emulator/faults")) { }
        using var ok = await emulator.SendAsync(HttpMethod.Get, "accounts");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}
