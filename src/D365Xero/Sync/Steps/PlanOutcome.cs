using D365Xero.Journal;
using D365Xero.Sync;

namespace D365Xero.Sync.Steps;

/// <summary>
/// What a worked plan leaves: the row's status and message, its link, and the counter it adds to. One
/// rule for every table, so a status means the same thing on every row.
/// </summary>
public static class PlanOutcome
{
    /// <summary>The status and message, or null when nothing is recorded (a row deleted before it reached Xero, with no link).</summary>
    public static (SyncStatus Status, string? Message)? Of<T>(RowPlan<T> plan, bool linked) where T : class => plan switch
    {
        { Refusal: { } refusal } => (SyncStatus.Error, refusal),
        { Action: PlannedAction.Fail } => (SyncStatus.Error, plan.Reason),
        { Action: PlannedAction.Skip } => (SyncStatus.Skipped, plan.Reason),
        { Action: PlannedAction.Wait } => (SyncStatus.Pending, plan.Reason),
        // Unchanged since last time: it stays what it was (synced, or refused with its reason).
        { Action: PlannedAction.Unchanged } => (plan.Link.Status, plan.Link.LastError),
        { Sent: true } => (plan.Settles, plan.Settles == SyncStatus.Synced ? null : plan.Reason),
        // A deleted row that never reached Xero: its old link (an error, say) must not stay on show.
        { Action: PlannedAction.Nothing } when linked => (SyncStatus.Skipped, plan.Reason),
        _ => null,
    };

    /// <summary>The link to store, from the stored one (null when the row had none).</summary>
    public static Link LinkOf<T>(RowPlan<T> plan, SyncStatus status, string? message, DateTimeOffset now) where T : class => plan.Link with
    {
        // The hash of what was sent or stands (so it is not sent again); none when nothing could be mapped.
        PayloadHash = plan.Payload is not null || plan.Action == PlannedAction.Unchanged ? plan.Hash : null,
        Status = status,
        LastError = message,
        SyncedAt = plan.Sent ? now : plan.Link.SyncedAt,
        FailedAttempts = status != SyncStatus.Error ? 0
            : plan.Action == PlannedAction.Unchanged ? plan.Link.FailedAttempts : plan.Link.FailedAttempts + 1,
        Detail = plan.Detail.ToJson(),
    };

    public static void Count<T>(TableCounters counters, RowPlan<T> plan, SyncStatus status) where T : class
    {
        switch (status)
        {
            case SyncStatus.Error: counters.AddFailed(); break;
            case SyncStatus.Skipped when plan.Action == PlannedAction.Skip: counters.AddSkipped(); break;
            case SyncStatus.Synced when plan.Action == PlannedAction.Unchanged: counters.AddUnchanged(); break;
        }
        if (!plan.Sent) return;
        switch (plan.Action)
        {
            case PlannedAction.Archive: counters.AddArchived(); break;
            case PlannedAction.Match: counters.AddMatched(); break;
            case PlannedAction.Create: counters.AddCreated(); break;
            default: counters.AddUpdated(); break;
        }
    }

    /// <summary>What `backfill --dry-run` prints for the plan.</summary>
    public static PlannedChange Planned<T>(string table, RowPlan<T> plan) where T : class =>
        new(table, plan.Id, plan.Name, plan.Action, plan.Reason, plan.Link.XeroId, plan.Key ?? plan.Link.XeroNumber, plan.Detail.ToJson());
}
