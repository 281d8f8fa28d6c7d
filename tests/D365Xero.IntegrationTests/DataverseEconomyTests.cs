using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests;

/// <summary>
/// Dataverse requests follow the journal's claims, not Xero's batches: a lane claims up to three of Xero's batches (150 rows),
/// reads them in one request and writes them back in one UpdateMultiple, while Xero still gets them 50 to a POST.
/// </summary>
public sealed class DataverseEconomyTests
{
    [Fact]
    public async Task A_backfill_of_1000_accounts_reads_and_writes_them_back_150_at_a_time_and_posts_them_50_at_a_time()
    {
        var (dataverse, xeroPosts) = await BackfillAsync(1000);

        // Change tracking's first read (one page), then seven claims (six of 150, one of 100): one read and one UpdateMultiple each.
        Assert.True((Count(dataverse, "GET accounts"), Count(dataverse, "POST accounts")) == (1 + 7, 7), dataverse.ToJsonString());
        Assert.InRange(xeroPosts, 20, 21); // + the resend of the seed's second "Northwind Traders" with its suffix, when the two went apart
    }

    [Fact]
    public async Task A_few_batches_go_one_a_lane_side_by_side_and_the_lanes_read_the_currencies_once()
    {
        var (dataverse, xeroPosts) = await BackfillAsync(150);

        // Three of Xero's batches and four lanes: one batch a claim, so the three POSTs go at once rather than one after another.
        Assert.True(Count(dataverse, "GET accounts") == 1 + 3, dataverse.ToJsonString());
        Assert.InRange(xeroPosts, 3, 4); // + the resend of the seed's second "Northwind Traders" with its suffix, when the two went apart
        // Three lanes started with no currency known; one read it for all.
        Assert.True(Count(dataverse, "GET transactioncurrencies") == 1, dataverse.ToJsonString());
    }

    private static long Count(JsonNode byOperation, string operation) => byOperation[operation]?.GetValue<long>() ?? 0;

    private static async Task<(JsonNode Dataverse, long XeroPosts)> BackfillAsync(int accounts)
    {
        await using var h = await SyncHarness.StartAsync(dataverseSeed: $"accounts:{accounts}:contacts:1");
        await h.ProvisionAsync();
        using var stats = new HttpClient { BaseAddress = h.DataverseEmulator.Url };
        (await stats.PostAsync("_emulator/stats/reset", null)).EnsureSuccessStatusCode();
        await h.Xero.ResetStatsAsync();

        await h.SyncOnceAsync();

        Assert.Equal(accounts, (await h.Xero.ContactsAsync()).Count);
        return ((await stats.GetFromJsonAsync<JsonObject>("_emulator/stats"))!["byOperation"]!, await h.Xero.CallsAsync("POST /Contacts"));
    }
}
