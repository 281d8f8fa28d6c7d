using System.Security.Cryptography;
using System.Text;

namespace D365Xero.WriteBack;

/// <summary>
/// A GUID derived from a name (the first 16 bytes of its SHA-256, laid out as an RFC 9562 version 8 UUID), so what `provision` adds (a form
/// section, a view) has the same id in every organisation and on every run, and is found again by it.
/// </summary>
public static class StableId
{
    public static Guid For(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("d365-xero:" + name), hash);
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }
}
