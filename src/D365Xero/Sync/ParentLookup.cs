namespace D365Xero.Sync;

/// <summary>The lookup from a child row to the parent it travels inside, and where its link remembers the last one.</summary>
public sealed record ParentLookup(string Column, string Table, Func<LinkDetail, Guid?> Previous);
