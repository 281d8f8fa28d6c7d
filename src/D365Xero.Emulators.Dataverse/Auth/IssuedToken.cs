namespace D365Xero.Emulators.Dataverse;

/// <summary>An access token the emulator handed out, with the app it belongs to and when it expires.</summary>
internal sealed record IssuedToken(string ClientId, DateTimeOffset ExpiresAt);
