namespace D365Xero.Sync;

/// <summary>The connection cannot go on until a person fixes something (credentials, consent, tenant, columns).</summary>
public sealed class ConnectionPausedException(string connection, string reason, Exception? inner = null)
    : Exception($"Connection '{connection}' is paused: {reason}", inner)
{
    public string Connection { get; } = connection;
    public string Reason { get; } = reason;
}
