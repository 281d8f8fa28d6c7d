using D365Xero.Journal;
using D365Xero.Mapping;

namespace D365Xero.Sync.Steps;

/// <summary>
/// The decision for one row of a batch, made before anything is sent, and (with <c>with</c>) what came
/// of sending it. `backfill --dry-run` prints these same decisions.
/// </summary>
public sealed record RowPlan<TPayload> where TPayload : class
{
    public required Guid Id { get; init; }

    /// <summary>The row's link as stored (or a new one), updated by matching and by Xero's answer.</summary>
    public required Link Link { get; init; }

    public LinkDetail Detail { get; init; } = new();
    public PlannedAction Action { get; init; }

    /// <summary>What is sent (Create, Match, Update, Archive) or would have been (Unchanged).</summary>
    public TPayload? Payload { get; init; }

    public string? Hash { get; init; }

    /// <summary>Why it fails, is skipped or waits; otherwise a note (warnings, a suffix given) for the dry run.</summary>
    public string? Reason { get; init; }

    /// <summary>The row's name, for the dry run.</summary>
    public string? Name { get; init; }

    /// <summary>The Dynamics row is gone: nothing is written back onto it.</summary>
    public bool Deleted { get; init; }

    public IReadOnlyList<Dependency> WaitingFor { get; init; } = [];

    /// <summary>For a row that waits on nothing in particular (an order whose lines have not arrived): when to look again.</summary>
    public TimeSpan? RetryIn { get; init; }

    /// <summary>
    /// The natural key (item Code, invoice Reference) of a create, recorded on the link before it is
    /// sent: when Xero applied it and the process died before the answer was recorded, a row deleted
    /// meanwhile still finds its Xero record by this key (no orphan).
    /// </summary>
    public string? Key { get; init; }

    /// <summary>The status a successful send leaves (Synced unless said otherwise: a deleted item leaves its product Skipped).</summary>
    public SyncStatus Settles { get; init; } = SyncStatus.Synced;

    public bool Sent { get; init; }

    /// <summary>Xero's reason for refusing this element of the batch.</summary>
    public string? Refusal { get; init; }

    public Guid? XeroId => Guid.TryParse(Link.XeroId, out var id) ? id : null;

    public bool Sends => Action is PlannedAction.Create or PlannedAction.Match or PlannedAction.Update or PlannedAction.Archive;
}
