namespace D365Xero.Sync;

/// <summary>One row of a `backfill --dry-run` plan: what a sync would do to it, and why when it would not go.</summary>
public sealed record PlannedChange(string Table, Guid DynamicsId, string? Name, PlannedAction Action, string? Detail);
