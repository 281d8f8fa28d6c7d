using D365Xero.Cli.Commands;
using D365Xero.Configuration;
using D365Xero.Hosting;
using D365Xero.Target.Xero.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace D365Xero.IntegrationTests.Status;

/// <summary>`status` tells what is true now: whether anything is working a connection, and the budget as the last process that called Xero saw it.</summary>
public sealed class StatusWordsTests
{
    [Fact]
    public async Task A_run_that_made_no_xero_call_leaves_the_budget_serve_last_saw()
    {
        var path = Path.Combine(Path.GetTempPath(), $"d365xero-status-{Guid.NewGuid():N}.db");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = await SyncStoreFactory.OpenAsync(new StoreOptions { ConnectionString = $"Data Source={path}" }, time, default);
        try
        {
            await ConnectionState.SaveBudgetAsync(store, "default", new RateBudget(12, 4_100, null, 2, 950, 0), time.GetUtcNow(), default);
            await ConnectionState.SaveBudgetAsync(store, "default", new RateBudget(60, 5_000, null, 0, CallsMade: 0, 0), time.GetUtcNow(), default);

            var seen = await ConnectionState.GetBudgetAsync(store, "default", default);

            Assert.Equal((12, 4_100), (seen!.Budget.MinuteRemaining, seen.Budget.DayRemaining));
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        }
    }

    [Fact]
    public void A_connection_no_instance_holds_is_idle_not_running()
    {
        StatusReport.ConnectionStatus Status(StatusReport.LeaseStatus? lease) => new("default", null, [], null, [], lease);

        Assert.StartsWith("idle: no instance is working it now", StatusCommand.StateWord(Status(null)));
        Assert.StartsWith("idle", StatusCommand.StateWord(Status(new StatusReport.LeaseStatus("old", 3, DateTimeOffset.UtcNow, Live: false))));
        Assert.Equal("running (instance 'serve-1')", StatusCommand.StateWord(Status(new StatusReport.LeaseStatus("serve-1", 4, DateTimeOffset.UtcNow, Live: true))));
        Assert.Equal("PAUSED: Xero refused the token", StatusCommand.StateWord(Status(null) with { PausedReason = "Xero refused the token" }));
    }
}
