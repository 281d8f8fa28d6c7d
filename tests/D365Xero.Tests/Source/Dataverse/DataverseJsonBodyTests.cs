using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using D365Xero.Errors;
using D365Xero.Source.Dataverse;
using D365Xero.Tests.Source.Dataverse.Fakes;

namespace D365Xero.Tests.Source.Dataverse;

/// <summary>
/// An answer is read row by row from a pooled buffer, never whole as text (issue 16): it must give exactly the
/// object the whole text parsed gave, and refuse what that refused.
/// </summary>
public sealed class DataverseJsonBodyTests
{
    [Theory]
    [InlineData("changetracking-accounts-delta-response-with-deleted.json")]
    [InlineData("changetracking-accounts-initial-response.json")]
    [InlineData("query-accounts-formatted-values.json")]
    [InlineData("query-accounts-lookup-annotations.json")]
    [InlineData("query-contacts-page1-with-nextlink.json")]
    [InlineData("error-400-batch-item-validation.json")]
    public void A_real_answer_reads_as_the_same_object_as_its_whole_text(string sample)
    {
        var text = Samples.Read(sample);

        var page = DataverseJsonBody.Parse(Encoding.UTF8.GetBytes(text));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), page));
        Assert.Equal(JsonNode.Parse(text)!.AsObject().Select(p => p.Key), page!.Select(p => p.Key));
    }

    [Fact]
    public void Each_row_stands_alone_with_its_nested_values_and_the_links_around_it_are_kept()
    {
        var text = """
            {"@odata.context":"ctx","value":[{"name":"A","n":1,"address":{"city":"Leeds"},"tags":["x",null]},null,{"name":"B"}],"@odata.nextLink":"next"}
            """;

        var page = DataverseJsonBody.Parse(Encoding.UTF8.GetBytes(text))!;

        var rows = page["value"]!.AsArray();
        Assert.Equal(3, rows.Count);
        Assert.Equal("Leeds", rows[0]!["address"]!["city"]!.GetValue<string>());
        Assert.Null(rows[1]);
        Assert.Equal("B", rows[2]!["name"]!.GetValue<string>());
        Assert.Equal("next", page["@odata.nextLink"]!.GetValue<string>());
        Assert.Equal("ctx", page["@odata.context"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t ")]
    public void An_empty_body_is_no_object(string text) => Assert.Null(DataverseJsonBody.Parse(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_byte_order_mark_is_skipped() =>
        Assert.Equal("A", DataverseJsonBody.Parse([0xEF, 0xBB, 0xBF, .. """{"name":"A"}"""u8])!["name"]!.GetValue<string>());

    [Theory]
    [InlineData("""{"value":[{"name":"A"}""")]
    [InlineData("""{"value":[{"name":"A"}]} {}""")]
    [InlineData("""{"value":[{"name":"A"},]}""")]
    [InlineData("<html>Service Unavailable</html>")]
    public void What_is_not_one_JSON_value_is_refused(string text) =>
        Assert.ThrowsAny<JsonException>(() => DataverseJsonBody.Parse(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"text\"")]
    public void JSON_that_is_not_an_object_is_refused(string text) =>
        Assert.Throws<InvalidDataException>(() => DataverseJsonBody.Parse(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task A_page_larger_than_the_first_buffer_is_read_whole_over_HTTP()
    {
        // No Content-Length (a stream): the pooled buffer starts small and grows.
        var rows = string.Join(',', Enumerable.Range(0, 3000).Select(i => $$"""{"accountid":"{{Guid.NewGuid()}}","name":"Account {{i}} é"}"""));
        var text = $$"""{"value":[{{rows}}]}""";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        content.Headers.ContentLength = null;

        var page = await DataverseJsonBody.ReadAsync(content, CancellationToken.None);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), page));
    }

    [Fact]
    public async Task The_client_says_which_answer_it_could_not_read()
    {
        var h = new DataverseHarness();
        h.Fake.Enqueue("[1,2]").Enqueue("""{"value":[""");

        var notObject = await Assert.ThrowsAsync<RemoteApiException>(() => h.Client.QueryAsync("contacts?$select=fullname").CollectAsync());
        var notJson = await Assert.ThrowsAsync<RemoteApiException>(() => h.Client.QueryAsync("contacts?$select=fullname").CollectAsync());

        Assert.Equal((ErrorKind.Transient, "Dataverse answered with JSON that is not an object."), (notObject.Kind, notObject.Message));
        Assert.Equal(ErrorKind.Transient, notJson.Kind);
        Assert.StartsWith("Dataverse answered with a body that is not JSON", notJson.Message);
    }
}
