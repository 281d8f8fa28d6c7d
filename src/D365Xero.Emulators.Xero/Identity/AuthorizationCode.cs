namespace D365Xero.Emulators.Xero.Identity;

/// <summary>A consent that has not yet been exchanged for tokens.</summary>
internal sealed record AuthorizationCode(string Scope, string RedirectUri, DateTimeOffset ExpiresAt);
