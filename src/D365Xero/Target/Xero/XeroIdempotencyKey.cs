using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace D365Xero.Target.Xero;

/// <summary>
/// The <c>Idempotency-Key</c> of a POST/PUT: the same operation and body give the same key, so a
/// retry is recognised by Xero and answered with the first response (docs/xero-rules.md#x-idempotency-window; developer.xero.com/documentation/guides/idempotent-requests/idempotency).
/// </summary>
internal static class XeroIdempotencyKey
{
    /// <summary>Xero's limit on the header (docs/xero-rules.md#x-idempotency-key-header; developer.xero.com/documentation/guides/idempotent-requests/idempotency).</summary>
    public const int MaxLength = 128;

    /// <param name="operationId">
    /// The caller's name for this write, stable across its retries (e.g. outbox item and attempt).
    /// The body alone is not enough: the same body sent again later on purpose (a field changed
    /// and changed back within Xero's 6 minutes) would be answered from the cache and not applied.
    /// </param>
    /// <returns><c>d365xero-</c> and 64 hex digits: 73 characters.</returns>
    public static string For(string operationId, HttpMethod method, string path, string body)
    {
        // The SHA-256 of "{operationId}\n{method} {path}\n{body}" in UTF-8, hashed in two parts: a batch's body (50 contacts,
        // 100-300 KB) is not copied into one more string and its bytes, each on the large object heap (BENCHMARKS.md, issue 16).
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{operationId}\n{method.Method} {path}\n"));
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(body.Length));
        try
        {
            sha.AppendData(bytes, 0, Encoding.UTF8.GetBytes(body, bytes));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
        return "d365xero-" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
