using System.Text;
using D365Xero.RoundTrip;

namespace D365Xero.Tests.RoundTrip;

public sealed class XeroWebhookPayloadTests
{
    [Fact]
    public void Intent_to_receive_has_no_events()
    {
        var (payload, error) = Parse("""{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}""");

        Assert.Null(error);
        Assert.True(payload!.IsIntentToReceive);
    }

    [Fact]
    public void The_credit_note_example_of_the_spec_is_read()
    {
        // xero-webhooks.yaml 16.1.0, webhooks.creditNotes example creditNoteCreate.
        var (payload, _) = Parse("""
            {"events":[{"resourceUrl":"https://api.xero.com/api.xro/2.0/CreditNotes/55d84274-a3da-4829-a7c0-0cab601b95cc",
              "resourceId":"55d84274-a3da-4829-a7c0-0cab601b95cc","tenantId":"aef86862-2015-4b6b-88bc-d89032cecc50",
              "tenantType":"ORGANISATION","eventCategory":"CREDITNOTE","eventType":"CREATE","eventDateUtc":"2025-12-02T00:44:09.923",
              "data":{"Type":"ACCPAYCREDIT","Status":"DRAFT"}}],
             "firstEventSequence":76,"lastEventSequence":76,"entropy":"FXNGWLCCGVANWHKILRUB"}
            """);

        var e = Assert.Single(payload!.Events);
        Assert.Equal(new XeroWebhookEvent("CREDITNOTE", "CREATE", Guid.Parse("55d84274-a3da-4829-a7c0-0cab601b95cc"), Guid.Parse("aef86862-2015-4b6b-88bc-d89032cecc50"),
            new DateTimeOffset(2025, 12, 2, 0, 44, 9, 923, TimeSpan.Zero)), e); // eventDateUtc is UTC written without a zone
        Assert.False(payload.IsIntentToReceive);
    }

    [Fact]
    public void An_event_missing_its_ids_is_skipped_and_the_others_kept()
    {
        var (payload, _) = Parse("""
            {"events":[
              {"resourceId":"717f2bfc-c6d4-41fd-b238-3f2f0c0cf777","tenantId":"c2cc9b6e-9458-4c7d-93cc-f02b81b0594f","eventCategory":"CONTACT","eventType":"UPDATE"},
              {"resourceId":"not-a-guid","tenantId":"c2cc9b6e-9458-4c7d-93cc-f02b81b0594f","eventCategory":"INVOICE","eventType":"UPDATE"},
              {"resourceId":"717f2bfc-c6d4-41fd-b238-3f2f0c0cf777","eventCategory":"INVOICE"},
              42],
             "firstEventSequence":1,"lastEventSequence":4,"entropy":"x"}
            """);

        Assert.Equal("CONTACT", Assert.Single(payload!.Events).Category);
        Assert.Equal(3, payload.Skipped.Count);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"entropy":"x"}""")]
    [InlineData("""{"events":{}}""")]
    public void A_body_that_is_not_a_payload_is_refused_with_a_reason(string body)
    {
        var (payload, error) = Parse(body);

        Assert.Null(payload);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("INVOICE", "xero:invoice")]
    [InlineData("invoice", "xero:invoice")]
    [InlineData("CREDITNOTE", "xero:creditnote")]
    [InlineData("CONTACT", "xero:contact")]
    [InlineData("SUBSCRIPTION", null)]
    [InlineData("PAYMENT", null)]
    public void Each_category_goes_to_its_queue_or_nowhere(string category, string? queue) =>
        Assert.Equal(queue, XeroEventRouting.QueueOf(category));

    private static (XeroWebhookPayload?, string?) Parse(string body) => XeroWebhookPayload.Parse(Encoding.UTF8.GetBytes(body));
}
