namespace D365Xero.Target.Xero.Model;

/// <summary>
/// One tenant the token can reach, from <c>GET {ApiUrl}/connections</c> (docs/xero-rules.md#x-connections-per-token; XeroAPI/Xero-OpenAPI#585, camelCase on the wire).
/// When <see cref="UpdatedDateUtc"/> differs from <see cref="CreatedDateUtc"/>, the tenant was disconnected and reconnected.
/// </summary>
public sealed record XeroConnection
{
    public Guid Id { get; init; }
    public Guid? AuthEventId { get; init; }
    public Guid TenantId { get; init; }
    /// <summary>ORGANISATION for an accounting organisation.</summary>
    public string? TenantType { get; init; }
    public string? TenantName { get; init; }
    public DateTimeOffset? CreatedDateUtc { get; init; }
    public DateTimeOffset? UpdatedDateUtc { get; init; }
}
