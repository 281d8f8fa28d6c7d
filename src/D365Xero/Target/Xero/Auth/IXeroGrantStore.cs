namespace D365Xero.Target.Xero.Auth;

/// <summary>
/// Durable home of each connection's <see cref="XeroGrant"/>. A save must be durable when it
/// returns: the rotated refresh token is the only one Xero will accept 30 minutes later (docs/xero-rules.md#x-oauth-refresh-rotation; developer.xero.com/faq/oauth2; XeroAPI/Xero-NetStandard#257).
/// </summary>
public interface IXeroGrantStore
{
    /// <returns>The grant, or null when the connection was never authorised.</returns>
    Task<XeroGrant?> LoadAsync(string connectionName, CancellationToken cancellationToken);

    Task SaveAsync(string connectionName, XeroGrant grant, CancellationToken cancellationToken);
}
