namespace D365Xero.Journal;

/// <summary>
/// One instance's hold on one connection: only the holder works it, and only while
/// <see cref="Fence"/> is still the connection's fencing token. Every acquisition gives a larger
/// fence than any before it for that connection; a renewal keeps it.
/// </summary>
public sealed record Lease(string Connection, string Holder, long Fence, DateTimeOffset ExpiresAt);
