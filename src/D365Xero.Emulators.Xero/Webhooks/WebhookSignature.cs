using System.Security.Cryptography;
using System.Text;

namespace D365Xero.Emulators.Xero.Webhooks;

/// <summary>
/// x-xero-signature: base64(HMAC-SHA256(the raw request body, the webhook key)). Rule: [SPEC-WH] components.headers
/// x-xero-signature; docs/xero-rules.md#x-webhook-signature; developer.xero.com/documentation/webhooks/configuring-your-server.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "x-xero-signature";

    public static string Sign(byte[] body, string key) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body));

    /// <summary>Xero's entropy: 20 random capital letters ([SPEC-WH] example "FXNGWLCCGVANWHKILRUB").</summary>
    public static string Entropy()
    {
        Span<char> letters = stackalloc char[20];
        for (var i = 0; i < letters.Length; i++) letters[i] = (char)('A' + RandomNumberGenerator.GetInt32(26));
        return new string(letters);
    }
}
