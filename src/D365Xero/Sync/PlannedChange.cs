namespace D365Xero.Sync;

/// <summary>One row of a `backfill --dry-run` plan: what a sync would do to it, and why when it would not go.</summary>
/// <param name="XeroId">The Xero record it is (or would be matched to), when known.</param>
/// <param name="XeroNumber">Its number or key in Xero (an item's Code), which rows after it refer to.</param>
/// <param name="LinkDetail">What its link would remember (e.g. that an account's contact is archived), which rows after it read.</param>
/// <param name="Carried">It travels inside another table's record (a contact among its account's people): it costs no Xero write of its own.</param>
public sealed record PlannedChange(
    string Table, Guid DynamicsId, string? Name, PlannedAction Action, string? Detail, string? XeroId = null, string? XeroNumber = null, string? LinkDetail = null, bool Carried = false)
{
    /// <summary>It goes to Xero in its own table's batched write (created, matched and updated, changed or archived).</summary>
    public bool Sends => !Carried && (Action is PlannedAction.Create or PlannedAction.Match or PlannedAction.Update or PlannedAction.Archive);
}
