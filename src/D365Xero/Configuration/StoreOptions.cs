namespace D365Xero.Configuration;

/// <summary>Where the connector keeps its state (configuration section <c>Store</c>).</summary>
public sealed class StoreOptions
{
    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Default <c>Data Source=d365-xero.db</c> (a file in the working directory).</summary>
    public string ConnectionString { get; set; } = "Data Source=d365-xero.db";
}
