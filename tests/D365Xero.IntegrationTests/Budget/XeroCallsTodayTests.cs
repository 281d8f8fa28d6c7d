using System.Text.Json.Nodes;
using D365Xero.Cli.Commands;
using D365Xero.Hosting;

namespace D365Xero.IntegrationTests.Budget;

/// <summary>`status` shows the Xero calls spent today by operation, added up over every process that worked the connection.</summary>
public sealed class XeroCallsTodayTests
{
    [Fact]
    public async Task Status_shows_the_calls_two_runs_made_today_by_operation()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Budget One" });
        await h.SyncOnceAsync();
        await ConnectionState.SaveCallsAsync(h.Connection, default);
        await ConnectionState.SaveCallsAsync(h.Connection, default); // nothing new since: adds nothing
        await h.RestartConnectionAsync(); // the next `sync --once` process
        await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Budget Two" });
        await h.SyncOnceAsync();
        await ConnectionState.SaveCallsAsync(h.Connection, default);

        var stats = (await h.Xero.StatsAsync())["byOperation"]!.AsObject();
        var report = await StatusReport.ReadAsync(h.Store, [h.Connection.Name], 10, default);
        var calls = report.Connections.Single().XeroCallsToday!;
        Assert.Equal(2, calls.ByOperation["POST Contacts"]);
        Assert.Equal(stats["POST /Contacts"]!.GetValue<long>(), calls.ByOperation["POST Contacts"]);
        Assert.Equal(stats.Sum(kv => kv.Value!.GetValue<long>()), calls.Total);
        var line = StatusCommand.CallsLine(calls);
        Assert.Contains("POST Contacts 2", line);
        Assert.Contains($"{calls.Total} —", line);
    }

    [Fact]
    public async Task A_new_day_starts_the_count_again_and_status_hides_an_earlier_day()
    {
        await using var h = await SyncHarness.StartAsync();
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        await ConnectionState.SaveCallsAsync(h.Store, h.Connection.Name, new Dictionary<string, long> { ["POST Contacts"] = 7 }, yesterday, default);

        var report = await StatusReport.ReadAsync(h.Store, [h.Connection.Name], 10, default);
        Assert.Null(report.Connections.Single().XeroCallsToday);
        Assert.Equal("Xero calls today (UTC): none", StatusCommand.CallsLine(null));

        await ConnectionState.SaveCallsAsync(h.Store, h.Connection.Name, new Dictionary<string, long> { ["GET Invoices (poll)"] = 1 }, DateTimeOffset.UtcNow, default);
        var today = (await StatusReport.ReadAsync(h.Store, [h.Connection.Name], 10, default)).Connections.Single().XeroCallsToday!;
        Assert.Equal(new Dictionary<string, long> { ["GET Invoices (poll)"] = 1 }, today.ByOperation);
    }
}
