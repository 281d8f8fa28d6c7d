using System.Security.Cryptography;
using System.Text;

namespace D365Xero.RoundTrip;

/// <summary>
/// Xero's webhook signature: header <c>x-xero-signature</c> = base64(HMAC-SHA256(the raw request body, the
/// app's webhook key)), checked on the bytes as received, before anything is parsed
/// (https://developer.xero.com/documentation/webhooks/configuring-your-server; XeroAPI/Xero-OpenAPI xero-webhooks.yaml, components.headers).
/// </summary>
public static class XeroWebhookSignature
{
    /// <summary>The header Xero signs each post with.</summary>
    public const string Header = "x-xero-signature";

    private const int HashBytes = 32; // HMAC-SHA256

    /// <summary>The signature Xero would send with <paramref name="body"/> under <paramref name="webhookKey"/> (the key's UTF-8 bytes are the HMAC key).</summary>
    public static string Compute(ReadOnlySpan<byte> body, string webhookKey) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhookKey), body));

    /// <summary>
    /// Whether <paramref name="presented"/> is the signature of <paramref name="body"/> under <paramref name="webhookKey"/>.
    /// The decoded header is compared with the HMAC in constant time, so timing tells an attacker nothing about
    /// how much of a forged signature was right; a missing or malformed header is simply wrong.
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> body, string? presented, string webhookKey)
    {
        if (string.IsNullOrEmpty(presented)) return false;
        Span<byte> claimed = stackalloc byte[HashBytes + 3]; // room to notice a longer value
        if (!Convert.TryFromBase64String(presented.Trim(), claimed, out var length) || length != HashBytes) return false;
        Span<byte> expected = stackalloc byte[HashBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhookKey), body, expected);
        return CryptographicOperations.FixedTimeEquals(claimed[..HashBytes], expected);
    }
}
