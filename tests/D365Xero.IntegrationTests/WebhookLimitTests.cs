using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using D365Xero.Hosting.Web;
using D365Xero.Source.Dataverse;
using Microsoft.Data.Sqlite;

namespace D365Xero.IntegrationTests;

/// <summary>
/// The webhook endpoint under abuse: a body over <c>Webhook:MaxBodyBytes</c> is refused with 413 and
/// queues nothing; a flood is held to a bounded number of posts in hand, the rest answered 503 with
/// Retry-After (Dataverse sends those again, docs/dataverse-rules.md#d-webhook-retry; learn.microsoft.com/power-apps/developer/data-platform/use-webhooks), and every accepted
/// post's row is in the journal exactly once.
/// </summary>
public sealed class WebhookLimitTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_body_over_the_limit_gets_413_with_or_without_a_length_and_queues_nothing()
    {
        await using var h = await ServeHarness.StartAsync(provision: false);
        var limit = h.Settings.WebhookLimits.MaxBodyBytes;
        Assert.Equal(1024 * 1024, limit); // the documented default
        var id = Guid.NewGuid();
        string Padded(int bytes) => ServeHarness.Body("Update", "account", id, new JsonObject { ["description"] = new string('x', bytes) });

        using (var sized = await h.PostWebhookAsync(Padded((int)limit)))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        using (var chunked = await PostChunkedAsync(h, Padded((int)limit)))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(0, await h.JournalCountAsync());

        // A post as large as Dataverse ever sends (it trims at 256 KB) goes in, with a length or chunked.
        using (var large = await h.PostWebhookAsync(Padded(250 * 1024))) Assert.Equal(HttpStatusCode.Accepted, large.StatusCode);
        using (var largeChunked = await PostChunkedAsync(h, Padded(250 * 1024))) Assert.Equal(HttpStatusCode.Accepted, largeChunked.StatusCode);
        Assert.Equal(1, await h.JournalCountAsync());
    }

    [Fact]
    public async Task A_flood_of_posts_is_held_to_a_bounded_intake_with_503_retry_after_and_every_accepted_row_is_queued_once()
    {
        var limits = new WebhookLimits { MaxConcurrentPosts = 4, MaxQueuedPosts = 16 };
        await using var h = await ServeHarness.StartAsync(provision: false, webhookLimits: limits);
        // 3,000 posts for 500 accounts (each changed six times), 300 senders at once.
        var ids = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToList();
        var posts = Enumerable.Range(0, 3000).Select(i => ids[i % ids.Count]).ToList();
        var accepted = new ConcurrentDictionary<Guid, int>();
        var refused = new ConcurrentBag<Guid>();
        var other = new ConcurrentBag<HttpStatusCode>();
        var withoutRetryAfter = 0;
        using var senders = new SemaphoreSlim(300);
        await Task.WhenAll(posts.Select(async id =>
        {
            await senders.WaitAsync();
            try
            {
                using var response = await h.PostWebhookAsync(ServeHarness.Body("Update", "account", id, new JsonObject { ["name"] = "Flood" }));
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Accepted: accepted.AddOrUpdate(id, 1, (_, n) => n + 1); break;
                    case HttpStatusCode.ServiceUnavailable:
                        refused.Add(id);
                        if (response.Headers.RetryAfter?.Delta is null) Interlocked.Increment(ref withoutRetryAfter);
                        break;
                    default: other.Add(response.StatusCode); break;
                }
            }
            finally
            {
                senders.Release();
            }
        }));
        var acceptedPosts = accepted.Values.Sum();
        var acceptedInFlood = accepted.Keys.ToHashSet();

        // Dataverse's one more attempt after a 503, one post at a time: each goes in.
        var retriedAccepted = 0;
        foreach (var id in refused)
        {
            using var again = await h.PostWebhookAsync(ServeHarness.Body("Update", "account", id, new JsonObject { ["name"] = "Flood" }));
            if (again.StatusCode == HttpStatusCode.Accepted) { retriedAccepted++; accepted.TryAdd(id, 1); }
        }
        var journal = await JournalAsync(h);
        output.WriteLine($"{posts.Count} posts: {acceptedPosts} accepted ({acceptedInFlood.Count} rows), {refused.Count} answered 503, " +
            $"{other.Count} other; {retriedAccepted}/{refused.Count} retried posts accepted; journal: {journal.Rows.Count} entries, integrity {journal.Integrity}");

        Assert.Empty(other);
        Assert.True(refused.Count > 0, "300 senders at once met no back-pressure");
        Assert.Equal(0, withoutRetryAfter);
        Assert.Equal(refused.Count, retriedAccepted);
        Assert.Equal("ok", journal.Integrity);
        // Each accepted row once: duplicates collapsed, nothing refused queued behind the intake's back.
        Assert.Equal(journal.Rows.Count, journal.Rows.Distinct().Count());
        Assert.Equal(accepted.Keys.OrderBy(g => g), journal.Rows.OrderBy(g => g));
        using var health = await h.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostChunkedAsync(ServeHarness h, string body)
    {
        // A stream of unknown length: HttpClient sends it chunked, with no Content-Length to refuse up front.
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/dataverse")
        {
            Content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(body))),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookRegistrar.SecretHeader, ServeHarness.Secret);
        request.Headers.Add("x-ms-dynamics-organization", h.Sync.DataverseEmulator.Url.Authority);
        return await h.Http.SendAsync(request);
    }

    private static async Task<(List<Guid> Rows, string Integrity)> JournalAsync(ServeHarness h)
    {
        await using var db = new SqliteConnection($"Data Source={h.Sync.DbPath}");
        await db.OpenAsync();
        await using var integrity = db.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check";
        var result = (string)(await integrity.ExecuteScalarAsync())!;
        await using var rows = db.CreateCommand();
        rows.CommandText = "SELECT dynamics_id FROM journal WHERE table_name = 'account'";
        var ids = new List<Guid>();
        await using var reader = await rows.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(Guid.Parse(reader.GetString(0)));
        return (ids, result);
    }

    /// <summary>A readable stream that does not tell its length.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
