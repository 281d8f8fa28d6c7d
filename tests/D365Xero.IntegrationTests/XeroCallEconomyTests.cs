using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>What a sync costs in Xero calls: many changes collapse into one write, and our own echo costs nothing.</summary>
public sealed class XeroCallEconomyTests
{
    [Fact]
    public async Task Contact_changed_many_times_before_a_sync_costs_one_post()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Coho Winery" });
        var person = await h.Dynamics.CreateAsync("contacts", new JsonObject
        {
            ["firstname"] = "Kim", ["lastname"] = "Vine", ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
        });
        await h.SyncOnceAsync();

        for (var i = 1; i <= 10; i++)
        {
            await h.Dynamics.UpdateAsync("contacts", person, new JsonObject { ["lastname"] = $"Vine {i}" });
        }
        await h.Dynamics.UpdateAsync("accounts", account, new JsonObject { ["telephone1"] = "+1 555 0110" });
        await h.Xero.ResetStatsAsync();
        await h.SyncOnceAsync();

        Assert.Equal(1, await h.Xero.CallsAsync("POST /Contacts"));
        var contact = await h.Xero.ContactOfAccountAsync(account);
        Assert.Equal("Vine 10", contact.Items("ContactPersons").Single().Text("LastName"));
        Assert.Equal("+1 555 0110", contact.PhoneNumber("DEFAULT"));
    }

    [Fact]
    public async Task Sync_right_after_a_sync_makes_no_xero_calls()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        for (var i = 0; i < 3; i++)
        {
            var account = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Echo {i}", ["emailaddress1"] = $"echo{i}@example.com" });
            await h.Dynamics.CreateAsync("contacts", new JsonObject
            {
                ["firstname"] = "Pat", ["lastname"] = $"Echo {i}", ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
            });
        }
        await h.SyncOnceAsync();
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync(); // sees the write-back of the first sync

        Assert.Equal(0, await h.Xero.ApiCallsAsync());
    }

    [Fact]
    public async Task Sync_after_a_backfill_of_the_demo_company_makes_no_xero_writes()
    {
        await using var h = await SyncHarness.StartAsync(dataverseSeed: "demo");
        await h.ProvisionAsync();
        await h.SyncOnceAsync(waitForRetries: true);
        var orders = h.Connection.Counters.For("salesorder");
        Assert.True(orders.Created > 0, "the back-fill created no invoices");
        await h.RestartConnectionAsync();
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync(); // sees the write-back of the back-fill, and nothing else changed

        var stats = await h.Xero.StatsAsync();
        var writes = stats["byOperation"]!.AsObject().Where(kv => !kv.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(kv => kv.Value!.GetValue<long>());
        Assert.True(writes == 0, $"the second run made {writes} Xero writes: {stats["byOperation"]!.ToJsonString()}");
    }

    [Fact]
    public async Task Sync_in_a_new_process_after_a_sync_makes_no_xero_calls()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        for (var i = 0; i < 3; i++) await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = $"Echo {i}" });
        await h.SyncOnceAsync();
        await h.RestartConnectionAsync();
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync(); // `sync --once` again: sees only the write-back of the first run

        Assert.Equal(0, await h.Xero.ApiCallsAsync());
    }

    [Fact]
    public async Task Echo_of_the_write_back_settles_without_writing_dynamics_again()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.ProvisionAsync();
        var account = await h.Dynamics.CreateAsync("accounts", new JsonObject { ["name"] = "Settles Ltd" });
        await h.SyncOnceAsync();
        await h.SyncOnceAsync();
        var written = h.Connection.WriteBack.RowsWritten;
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync();

        Assert.Equal(written, h.Connection.WriteBack.RowsWritten);
        Assert.Equal(0, await h.Xero.ApiCallsAsync());
        Assert.Equal("Synced", (await h.Dynamics.GetAsync("accounts", account)).Text("xero_syncstatus"));
    }
}
