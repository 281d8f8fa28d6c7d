using D365Xero.Errors;
using D365Xero.Target.Xero;

namespace D365Xero.Sync;

/// <summary>The one rule every sync step applies to a batch's answer from Xero.</summary>
public static class XeroWriteOutcome
{
    /// <summary>
    /// When the call itself failed or its outcome is unknown (transient), or the connection was refused
    /// (auth), the whole batch goes back to the runner, which backs off or pauses; the next pass finds
    /// whatever Xero did apply by its natural key. Refused elements (permanent) stay with their rows.
    /// </summary>
    public static void ThrowIfCallFailed<T>(IReadOnlyList<XeroWriteResult<T>> results) where T : class
    {
        if (results.FirstOrDefault(r => r.ErrorKind is ErrorKind.Transient or ErrorKind.Auth) is { } failed)
        {
            throw new RemoteApiException("Xero", failed.ErrorKind!.Value, failed.Error ?? "Xero call failed.", retryAfter: failed.RetryAfter);
        }
    }
}
