using System.Security.Cryptography;
using System.Text;
using D365Xero.RoundTrip;

namespace D365Xero.Tests.RoundTrip;

public sealed class XeroWebhookSignatureTests
{
    private const string Key = "it-xero-webhook-key";

    // The intent-to-receive body of https://developer.xero.com/documentation/webhooks/configuring-your-server, compact.
    private static readonly byte[] IntentBody = Encoding.UTF8.GetBytes("""{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}""");

    // Computed outside .NET: printf '%s' "$body" | openssl dgst -sha256 -hmac 'it-xero-webhook-key' -binary | base64
    private const string OpenSslSignature = "UDXCQ+2/I7ZMLqVcIXtiwLZBK5f4u+pyfO+mg6T6Rkw=";

    [Fact]
    public void Signature_is_base64_of_hmac_sha256_of_the_raw_body_under_the_key_bytes()
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Key));
        var expected = Convert.ToBase64String(hmac.ComputeHash(IntentBody));

        Assert.Equal(expected, XeroWebhookSignature.Compute(IntentBody, Key));
        Assert.Equal(OpenSslSignature, XeroWebhookSignature.Compute(IntentBody, Key));
    }

    [Fact]
    public void The_right_signature_matches()
    {
        Assert.True(XeroWebhookSignature.Matches(IntentBody, OpenSslSignature, Key));
        Assert.True(XeroWebhookSignature.Matches(IntentBody, " " + OpenSslSignature + " ", Key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("UDXCQ+2/I7ZMLqVcIXtiwLZBK5f4u+pyfO+mg6T6Rkw")] // one character short
    [InlineData("VDXCQ+2/I7ZMLqVcIXtiwLZBK5f4u+pyfO+mg6T6Rkw=")] // one character changed
    [InlineData("UDXCQ+2/I7ZMLqVcIXtiwLZBK5f4u+pyfO+mg6T6RkwUDXC")] // the right one with more after it
    [InlineData("UDXCQ+2/I7ZMLqVcIXtiwLZBK5f4u+pyfO+mg6T6Rk0=")] // same length, last byte wrong
    public void A_missing_malformed_or_wrong_signature_does_not_match(string? presented)
    {
        Assert.False(XeroWebhookSignature.Matches(IntentBody, presented, Key));
    }

    [Fact]
    public void The_signature_of_another_key_or_another_body_does_not_match()
    {
        Assert.False(XeroWebhookSignature.Matches(IntentBody, OpenSslSignature, Key + "x"));
        var reserialised = Encoding.UTF8.GetBytes("""{ "events": [], "lastEventSequence": 0, "firstEventSequence": 0, "entropy": "S0m3r4Nd0mt3xt" }""");
        Assert.False(XeroWebhookSignature.Matches(reserialised, OpenSslSignature, Key)); // same JSON, other bytes: only the raw body counts
    }
}
