namespace D365Xero.Sync;

/// <summary>A table change tracking reads: its entity set, key column and, for a child table, its parent.</summary>
public sealed record TrackedTable(string EntitySet, string Key, ParentLookup? Parent = null)
{
    public string Select => Parent is { } p ? $"{Key},_{p.Column}_value" : Key;
}
