namespace D365Xero.Errors;

/// <summary>How a failure is handled; each kind is handled once, in one place (the sync worker).</summary>
public enum ErrorKind
{
    /// <summary>Retry with backoff: 5xx, 429, timeouts, network faults.</summary>
    Transient,
    /// <summary>The record itself is refused; the row shows the reason until it changes or `retry`.</summary>
    Permanent,
    /// <summary>Credentials, consent or tenant: the connection pauses and says how to fix it.</summary>
    Auth,
}
