namespace D365Xero.Hosting;

/// <summary>What `connect` stored: the organisation chosen and the scopes Xero granted.</summary>
public sealed record ConsentResult(string ConnectionName, Guid TenantId, string? TenantName, string? GrantedScopes);
