namespace D365Xero.Errors;

/// <summary>
/// A service (Xero or Dataverse) that stopped answering for one connection: since when, what it last
/// said, and when the next probe call goes. While it lasts no other call is made to that service and
/// no row counts an attempt.
/// </summary>
/// <param name="Service">"Xero" or "Dataverse".</param>
/// <param name="Url">The address it was called at.</param>
/// <param name="Since">When the circuit opened (a failed probe does not move it).</param>
/// <param name="LastAnswer">The last failure, e.g. <c>HTTP 500 from POST Contacts</c> or <c>no answer from http://…: Connection refused</c>.</param>
/// <param name="NextProbeAt">When one call will be let through to see whether it answers again.</param>
public sealed record ServiceOutage(string Service, string Url, DateTimeOffset Since, string LastAnswer, DateTimeOffset NextProbeAt)
{
    /// <summary>The line `status`, the status page, /readyz and the log show.</summary>
    public string Describe() =>
        $"{Service} unavailable since {Since:u} (last answer: {LastAnswer}), next probe at {NextProbeAt:u}";
}
