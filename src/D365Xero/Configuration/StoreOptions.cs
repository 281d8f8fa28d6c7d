namespace D365Xero.Configuration;

/// <summary>Where the connector keeps its state (configuration section <c>Store</c>).</summary>
public sealed class StoreOptions
{
    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>Default <c>Data Source=d365-xero.db</c> (a file in the working directory).</summary>
    [ConnectionString]
    public string ConnectionString { get; set; } = "Data Source=d365-xero.db";

    /// <summary>
    /// The AES-256-GCM key that encrypts the Xero grants kept in the store: 32 random bytes in base64
    /// (<c>openssl rand -base64 32</c>). From the environment (<c>Store__SecretKey</c>), never a
    /// committed file. Default: none, and then `connect` refuses to store a grant; a Custom
    /// Connection (client credentials) keeps nothing in the store and needs no key.
    /// </summary>
    [SecretKey]
    public string? SecretKey { get; set; }
}
