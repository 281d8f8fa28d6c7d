namespace D365Xero.Journal;

/// <summary>A connection's lease as `status` shows it: who holds it (null when free), its fence, until when.</summary>
public sealed record LeaseState(string Connection, string? Holder, long Fence, DateTimeOffset ExpiresAt);
