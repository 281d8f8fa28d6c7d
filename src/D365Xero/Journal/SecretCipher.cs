using System.Security.Cryptography;
using System.Text;

namespace D365Xero.Journal;

/// <summary>
/// Encrypts the secrets the connector keeps in its store (Xero refresh and access tokens) with
/// AES-256-GCM and a key that lives only in the environment (<c>Store__SecretKey</c>), so a copy of
/// the SQLite file or a PostgreSQL dump gives no one a Xero grant. A stored value is
/// <c>aesgcm1:</c> + base64(nonce ‖ ciphertext ‖ tag); the connection and secret name are bound in
/// as associated data, so a value copied to another connection's row does not open.
/// </summary>
public sealed class SecretCipher
{
    /// <summary>The configuration key, in the environment form users set.</summary>
    public const string KeyVariable = "Store__SecretKey";

    public const string HowToSetKey =
        "Set " + KeyVariable + " in the service's environment to 32 random bytes in base64, e.g. `export " + KeyVariable +
        "=\"$(openssl rand -base64 32)\"`, keep it with the service's other secrets, and use the same key for every command and instance.";

    private const string Prefix = "aesgcm1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;

    private SecretCipher(byte[] key) => _key = key;

    /// <summary>The cipher for a base64 key; null when no key is configured.</summary>
    /// <exception cref="InvalidOperationException">The key is not base64 of exactly 32 bytes.</exception>
    public static SecretCipher? FromKey(string? base64Key)
    {
        if (string.IsNullOrWhiteSpace(base64Key)) return null;
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64Key.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{KeyVariable} is not base64. {HowToSetKey}");
        }
        if (key.Length != 32)
            throw new InvalidOperationException($"{KeyVariable} must be 32 bytes (AES-256) once base64-decoded; it is {key.Length}. {HowToSetKey}");
        return new SecretCipher(key);
    }

    /// <summary>Whether a stored value was written by <see cref="Encrypt"/> (older versions stored plain JSON).</summary>
    public static bool IsEncrypted(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Encrypt(string plaintext, string context)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(context));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">The key is not the one that sealed the value, or the value was changed.</exception>
    public string Decrypt(string stored, string context)
    {
        if (!IsEncrypted(stored)) throw new CryptographicException("The value is not an encrypted secret.");
        var sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        if (sealedBytes.Length < NonceBytes + TagBytes) throw new CryptographicException("The encrypted secret is truncated.");
        var cipherLength = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, cipherLength),
            sealedBytes.AsSpan(NonceBytes + cipherLength), plain, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(plain);
    }
}
