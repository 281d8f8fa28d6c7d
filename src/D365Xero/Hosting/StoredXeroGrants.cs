using System.Security.Cryptography;
using System.Text.Json;
using D365Xero.Errors;
using D365Xero.Journal;
using D365Xero.Target.Xero;
using D365Xero.Target.Xero.Auth;

namespace D365Xero.Hosting;

/// <summary>
/// Xero grants kept in the connector's store (one secret per connection), saved atomically and
/// encrypted with <see cref="SecretCipher"/>. Without a key nothing is saved: a refresh token at
/// rest in clear is a standing login to the organisation's books.
/// </summary>
public sealed class StoredXeroGrants(ISyncStore store, SecretCipher? cipher = null) : IXeroGrantStore
{
    private const string Name = "xero.grant";

    /// <summary>Whether a grant can be saved (a key is configured).</summary>
    public bool CanSave => cipher is not null;

    public static string MissingKeyMessage =>
        $"{SecretCipher.KeyVariable} is not set, so the Xero grant (refresh token) cannot be stored encrypted, and it is never stored in clear. {SecretCipher.HowToSetKey}";

    /// <summary>Whether the connection has a stored grant, without opening it.</summary>
    public async Task<bool> ExistsAsync(string connectionName, CancellationToken cancellationToken) =>
        await store.GetSecretAsync(connectionName, Name, cancellationToken) is not null;

    /// <exception cref="RemoteApiException">Auth: the grant is encrypted and the key is missing or wrong.</exception>
    public async Task<XeroGrant?> LoadAsync(string connectionName, CancellationToken cancellationToken)
    {
        var stored = await store.GetSecretAsync(connectionName, Name, cancellationToken);
        if (stored is null) return null;
        // Grants written before encryption existed are plain JSON; the next save (a refresh) seals them.
        if (!SecretCipher.IsEncrypted(stored)) return JsonSerializer.Deserialize<XeroGrant>(stored);
        if (cipher is null)
            throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Auth,
                $"The store holds an encrypted Xero grant for connection '{connectionName}', but {SecretCipher.KeyVariable} is not set. Set it to the key `d365-xero connect` ran with.");
        try
        {
            return JsonSerializer.Deserialize<XeroGrant>(cipher.Decrypt(stored, Context(connectionName)));
        }
        catch (CryptographicException e)
        {
            throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Auth,
                $"{SecretCipher.KeyVariable} does not open the stored Xero grant for connection '{connectionName}' (was the key changed?). Set the key `d365-xero connect` ran with, or run `d365-xero connect` again.",
                inner: e);
        }
    }

    /// <exception cref="RemoteApiException">Auth: no key is configured.</exception>
    public Task SaveAsync(string connectionName, XeroGrant grant, CancellationToken cancellationToken)
    {
        if (cipher is null) throw new RemoteApiException(XeroErrorClassifier.Service, ErrorKind.Auth, MissingKeyMessage);
        return store.SetSecretAsync(connectionName, Name, cipher.Encrypt(JsonSerializer.Serialize(grant), Context(connectionName)), cancellationToken);
    }

    private static string Context(string connectionName) => $"{connectionName}/{Name}";
}
