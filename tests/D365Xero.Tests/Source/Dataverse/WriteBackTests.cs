using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Errors;
using D365Xero.Source.Dataverse;
using D365Xero.Tests.Source.Dataverse.Fakes;

namespace D365Xero.Tests.Source.Dataverse;

public sealed class WriteBackTests
{
    private static readonly Guid AccountId = Guid.Parse("60c4e274-0d87-e711-80e5-00155db19e6d");

    [Fact]
    public async Task Patch_sends_only_the_changes_with_If_Match_star()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.NoContent);

        var updated = await h.Client.PatchAsync("accounts", AccountId, new JsonObject { ["xero_contactid"] = "c1", ["xero_syncstatus"] = 1 });

        Assert.True(updated);
        var request = Assert.Single(h.Fake.Requests);
        Assert.Equal(HttpMethod.Patch, request.Method);
        Assert.Equal("accounts(60c4e274-0d87-e711-80e5-00155db19e6d)", request.Relative);
        Assert.Equal("*", request.Header("If-Match"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Equal("""{"xero_contactid":"c1","xero_syncstatus":1}""", request.Body);
    }

    [Fact]
    public async Task Patch_of_a_deleted_row_returns_false_instead_of_failing()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.NotFound, Samples.Read("error-404-patch-if-match-star-not-found.json"));

        Assert.False(await h.Client.PatchAsync("accounts", AccountId, new JsonObject { ["xero_contactid"] = "c1" }));
    }

    [Fact]
    public async Task UpdateMultiple_posts_typed_targets_with_their_key()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue(HttpStatusCode.NoContent);
        var other = Guid.Parse("2e451703-c686-e711-80e5-00155db19e6d");

        var results = await h.Client.UpdateMultipleAsync("accounts", "account", "accountid",
            [(AccountId, new JsonObject { ["xero_contactid"] = "c1" }), (other, new JsonObject { ["xero_contactid"] = "c2" })]);

        var request = Assert.Single(h.Fake.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("accounts/Microsoft.Dynamics.CRM.UpdateMultiple", request.Relative);
        Assert.Equal(
            """{"Targets":[{"@odata.type":"Microsoft.Dynamics.CRM.account","accountid":"60c4e274-0d87-e711-80e5-00155db19e6d","xero_contactid":"c1"},{"@odata.type":"Microsoft.Dynamics.CRM.account","accountid":"2e451703-c686-e711-80e5-00155db19e6d","xero_contactid":"c2"}]}""",
            request.Body);
        Assert.All(results, r => Assert.Equal(RowUpdateOutcome.Updated, r.Outcome));
    }

    [Fact]
    public async Task UpdateMultiple_sends_chunks_of_the_configured_size()
    {
        var h = new DataverseHarness(o => o.UpdateMultipleChunkSize = 2);
        for (var i = 0; i < 3; i++) h.Fake.Enqueue(HttpStatusCode.NoContent);
        var rows = Enumerable.Range(0, 5).Select(_ => (Guid.NewGuid(), new JsonObject { ["xero_syncstatus"] = 1 })).ToList();

        var results = await h.Client.UpdateMultipleAsync("accounts", "account", "accountid", rows);

        Assert.Equal([2, 2, 1], h.Fake.Requests.Select(r => r.Json["Targets"]!.AsArray().Count));
        Assert.Equal(rows.Select(r => r.Item1), results.Select(r => r.Id));
        Assert.Equal(3, h.Client.Calls[DataverseOperation.UpdateMultiple]);
    }

    [Fact]
    public async Task Refused_chunk_is_written_row_by_row_so_good_rows_land_and_bad_ones_are_reported()
    {
        var h = new DataverseHarness();
        var good = Guid.Parse("11111111-1111-1111-1111-111111111111");
        var deleted = Guid.Parse("22222222-2222-2222-2222-222222222222");
        var invalid = Guid.Parse("33333333-3333-3333-3333-333333333333");
        h.Fake.Enqueue(HttpStatusCode.NotFound, Samples.Read("error-404-patch-if-match-star-not-found.json"));
        h.Fake.Router = r => r.Relative switch
        {
            var p when p.StartsWith($"accounts({good})") => FakeDataverse.Response(HttpStatusCode.NoContent),
            var p when p.StartsWith($"accounts({deleted})") => FakeDataverse.Response(HttpStatusCode.NotFound, Samples.Read("error-404-patch-if-match-star-not-found.json")),
            var p when p.StartsWith($"accounts({invalid})") => FakeDataverse.Response(HttpStatusCode.BadRequest, Samples.Read("error-400-write-unknown-property-does-not-exist-on-type.json")),
            _ => throw new InvalidOperationException(r.Relative),
        };

        var results = await h.Client.UpdateMultipleAsync("accounts", "account", "accountid",
            [(good, new JsonObject { ["xero_contactid"] = "c1" }), (deleted, new JsonObject { ["xero_contactid"] = "c2" }), (invalid, new JsonObject { ["subjct"] = "x" })]);

        Assert.Equal([good, deleted, invalid], results.Select(r => r.Id));
        Assert.Equal([RowUpdateOutcome.Updated, RowUpdateOutcome.NotFound, RowUpdateOutcome.Failed], results.Select(r => r.Outcome));
        Assert.Contains("The property 'subjct' does not exist", results[2].Error);
        var patches = h.Fake.Requests.Skip(1).ToList();
        Assert.Equal(3, patches.Count);
        Assert.All(patches, p => { Assert.Equal(HttpMethod.Patch, p.Method); Assert.Equal("*", p.Header("If-Match")); });
    }

    [Fact]
    public async Task Transient_failure_during_fallback_fails_the_call_so_it_is_retried_whole()
    {
        var h = new DataverseHarness(o => o.MaxRetryAttempts = 0);
        h.Fake.Enqueue(HttpStatusCode.BadRequest, Samples.Read("error-400-batch-item-validation.json"))
            .Enqueue(HttpStatusCode.ServiceUnavailable);

        var e = await Assert.ThrowsAsync<RemoteApiException>(() => h.Client.UpdateMultipleAsync("accounts", "account", "accountid",
            [(AccountId, new JsonObject { ["xero_contactid"] = "c1" })]));

        Assert.Equal(ErrorKind.Transient, e.Kind);
    }
}
