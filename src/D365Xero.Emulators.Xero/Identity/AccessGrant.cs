namespace D365Xero.Emulators.Xero.Identity;

/// <summary>An issued access token. Custom Connections (client_credentials) may omit xero-tenant-id ([D-faq-custom]; §8.3).</summary>
internal sealed record AccessGrant(DateTimeOffset ExpiresAt, bool IsCustomConnection);
