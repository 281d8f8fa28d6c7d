namespace D365Xero.Configuration;

/// <summary>Where the state is kept (<c>Store:Provider</c>).</summary>
public enum StoreProvider
{
    /// <summary>One file; one instance.</summary>
    Sqlite,
    /// <summary>One database shared by several instances.</summary>
    Postgres,
}
