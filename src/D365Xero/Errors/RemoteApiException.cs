namespace D365Xero.Errors;

/// <summary>
/// A failed call to Xero or Dataverse, already classed. Thrown only at the client boundary;
/// the sync worker turns it into a row status, a retry or a paused connection.
/// </summary>
public sealed class RemoteApiException(
    string service, ErrorKind kind, string message, int? statusCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>"Xero" or "Dataverse".</summary>
    public string Service { get; } = service;
    public ErrorKind Kind { get; } = kind;
    public int? StatusCode { get; } = statusCode;
    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
