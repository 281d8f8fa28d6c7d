using System.Security.Cryptography;
using System.Text;

namespace D365Xero.Emulators.Dataverse;

/// <summary>Stable GUIDs derived from a table name and an index, so seeded data is the same on every run.</summary>
internal static class DeterministicGuid
{
    public static Guid For(string table, int index)
    {
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(Encoding.UTF8.GetBytes($"{table}:{index}"), hash);
        hash[7] = (byte)((hash[7] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash);
    }
}
