namespace D365Xero.Sync;

/// <summary>One row of a `backfill --dry-run` plan: what a sync would do to it, and why when it would not go.</summary>
/// <param name="XeroId">The Xero record it is (or would be matched to), when known.</param>
/// <param name="XeroNumber">Its number or key in Xero (an item's Code), which rows after it refer to.</param>
/// <param name="LinkDetail">What its link would remember (e.g. that an account's contact is archived), which rows after it read.</param>
public sealed record PlannedChange(
    string Table, Guid DynamicsId, string? Name, PlannedAction Action, string? Detail, string? XeroId = null, string? XeroNumber = null, string? LinkDetail = null);
