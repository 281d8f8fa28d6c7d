namespace D365Xero.Emulators.Xero.Identity;

/// <summary>An issued access token. Custom Connections (client_credentials) may omit xero-tenant-id (docs/xero-rules.md#x-custom-connection; developer.xero.com/faq/custom-integration).</summary>
internal sealed record AccessGrant(DateTimeOffset ExpiresAt, bool IsCustomConnection);
