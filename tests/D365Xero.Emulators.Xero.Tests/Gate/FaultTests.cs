using System.Net;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Gate;

public sealed class FaultTests
{
    [Fact]
    public async Task Error_rate_one_answers_every_call_with_the_chosen_status_and_stats_count_it()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.Post("/_emulator/faults", new { errorRate = 1.0, errorStatus = 500 });

        var reply = await host.Get("/api.xro/2.0/Contacts");
        var stats = await host.Get("/_emulator/stats");

        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal(1, stats.Body!["http5xx"]!.GetValue<int>());
        Assert.Equal(1, stats.Body["byOperation"]!["GET /Contacts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Error_rate_draws_repeat_with_the_same_seed()
    {
        await using var host = await XeroTestHost.StartAsync();

        async Task<string> Run()
        {
            await host.Post("/_emulator/faults", new { errorRate = 0.5, seed = 42 });
            var statuses = new List<int>();
            for (var i = 0; i < 12; i++) statuses.Add((int)(await host.Get("/api.xro/2.0/Organisation")).Status);
            return string.Join(",", statuses);
        }

        var first = await Run();
        var second = await Run();

        Assert.Equal(first, second);
        Assert.Contains("503", first);
        Assert.Contains("200", first);
    }

    [Fact]
    public async Task Burst_of_429s_then_normal_service()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.Post("/_emulator/faults", new { burst429 = 2 });

        var a = await host.Get("/api.xro/2.0/Contacts");
        var b = await host.Get("/api.xro/2.0/Contacts");
        var c = await host.Get("/api.xro/2.0/Contacts");

        Assert.Equal(HttpStatusCode.TooManyRequests, a.Status);
        Assert.Equal("1", a.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.TooManyRequests, b.Status);
        Assert.Equal(HttpStatusCode.OK, c.Status);
    }

    [Fact]
    public async Task Outage_answers_503_until_its_time_has_passed()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.Post("/_emulator/faults", new { outageSeconds = 30 });

        var during = await host.Get("/api.xro/2.0/Contacts");
        host.Time.Advance(TimeSpan.FromSeconds(30));
        var after = await host.Get("/api.xro/2.0/Contacts");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task Lost_response_still_applies_the_write()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.Post("/_emulator/faults", new { loseResponseRate = 1.0 });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.Put("/api.xro/2.0/Contacts", new { Contacts = new[] { new { Name = "Ghost" } } }));
        await host.Send(HttpMethod.Delete, "/_emulator/faults", null);
        var all = await host.Get("/api.xro/2.0/Contacts");

        Assert.Equal("Ghost", all.Body!["Contacts"]![0]!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_first_writes_lose_their_answer_whatever_the_draws_and_the_rest_do_not()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.Post("/_emulator/faults", new { loseFirstWrites = 1 });

        var read = await host.Get("/api.xro/2.0/Contacts"); // a read is never counted
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.Put("/api.xro/2.0/Contacts", new { Contacts = new[] { new { Name = "First" } } }));
        var second = await host.Put("/api.xro/2.0/Contacts", new { Contacts = new[] { new { Name = "Second" } } });

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(2, (await host.Get("/api.xro/2.0/Contacts")).Body!["Contacts"]!.AsArray().Count);
    }

    [Fact]
    public async Task Lost_response_then_retry_with_the_same_key_gets_the_original_answer()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.Post("/_emulator/faults", new { loseResponseRate = 1.0 });
        var body = new { Contacts = new[] { new { Name = "Once" } } };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => host.Put("/api.xro/2.0/Contacts", body, "retry-key"));
        await host.Send(HttpMethod.Delete, "/_emulator/faults", null);

        var retry = await host.Put("/api.xro/2.0/Contacts", body, "retry-key");

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Single((await host.Get("/api.xro/2.0/Contacts")).Body!["Contacts"]!.AsArray());
    }

    [Fact]
    public async Task Delay_holds_the_response_until_the_clock_moves()
    {
        await using var host = await XeroTestHost.StartAsync();
        await host.Post("/_emulator/faults", new { delayMs = 5000 });

        var pending = host.Get("/api.xro/2.0/Contacts");
        await RateLimitTests.WaitForInFlight(host, 1);
        Assert.False(pending.IsCompleted);
        host.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, (await pending).Status);
    }

    [Fact]
    public async Task Reset_returns_to_the_seed_and_stats_reset_clears_counts()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        await host.CreateContact(new { Name = "Temporary" });

        await host.Http.PostAsync("/_emulator/reset", null);
        var names = (await host.Get("/api.xro/2.0/Contacts?includeArchived=true")).Body!["Contacts"]!.AsArray().Select(c => c!["Name"]!.GetValue<string>());
        await host.Http.PostAsync("/_emulator/stats/reset", null);
        var stats = await host.Get("/_emulator/stats");

        Assert.Equal(["Fabrikam, Inc.", "Contoso Pharmaceuticals", "Old Customer Ltd"], names);
        Assert.Equal(0, stats.Body!["apiCalls"]!.GetValue<int>());
    }
}
