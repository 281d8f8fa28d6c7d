using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace D365Xero.Mapping;

/// <summary>
/// A stable fingerprint of a payload. An unchanged fingerprint means nothing Xero would see has
/// changed, so the record is not sent again; this is also what makes the echo of our own
/// write-back (which changes only our columns) cost no Xero call.
/// </summary>
public static class PayloadHash
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    public static string Of<T>(T payload) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(payload, Options)))[..32];
}
