namespace D365Xero.Emulators.Xero.Gate;

/// <summary>A finished response kept for Idempotency-Key replays.</summary>
internal sealed record CapturedResponse(int Status, string? ContentType, byte[] Body);
