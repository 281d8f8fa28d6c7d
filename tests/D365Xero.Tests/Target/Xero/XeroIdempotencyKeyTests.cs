using System.Security.Cryptography;
using System.Text;
using D365Xero.Target.Xero;

namespace D365Xero.Tests.Target.Xero;

/// <summary>The key is hashed in parts (a batch's body is not copied whole, issue 16); it must stay the key it was, so a retry across an upgrade is still recognised.</summary>
public sealed class XeroIdempotencyKeyTests
{
    [Fact]
    public void The_key_is_the_SHA_256_of_the_operation_the_request_and_the_body_in_UTF_8()
    {
        var body = "{\"Contacts\":[" + string.Join(',', Enumerable.Range(0, 2000).Select(i => $"{{\"Name\":\"Café Ünïcode {i} 🚲\"}}")) + "]}";
        const string path = "api.xro/2.0/Contacts?summarizeErrors=false";

        var key = XeroIdempotencyKey.For("op-1", HttpMethod.Post, path, body);

        var expected = "d365xero-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"op-1\nPOST {path}\n{body}")));
        Assert.Equal(expected, key);
        Assert.True(key.Length <= XeroIdempotencyKey.MaxLength);
        Assert.NotEqual(key, XeroIdempotencyKey.For("op-2", HttpMethod.Post, path, body));
        Assert.Equal("d365xero-" + Convert.ToHexStringLower(SHA256.HashData("op\nPUT p\n"u8)), XeroIdempotencyKey.For("op", HttpMethod.Put, "p", ""));
    }
}
