using D365Xero.Sync.Steps;
using D365Xero.WriteBack;

namespace D365Xero.Tables;

/// <summary>
/// One synced Dynamics table, declared once (<see cref="SyncedTables"/>): change capture, webhook
/// intake and registration, `check`, `status`, `provision`, write-back and the drain all read it,
/// so a new table is one more declaration rather than a hunt through the code.
/// </summary>
public sealed record SyncedTable
{
    /// <summary>Logical name, e.g. <c>account</c>; the journal and links key their rows by it.</summary>
    public required string Name { get; init; }

    /// <summary>What a row is called in messages, e.g. an account is an order's <c>customer</c>.</summary>
    public required string Noun { get; init; }

    /// <summary>What the rows are called in Dynamics, plural (its views are named with it: "Accounts with Xero sync errors"); null for a table without write-back.</summary>
    public string? Plural { get; init; }

    /// <summary>Web API entity set, e.g. <c>accounts</c>.</summary>
    public required string EntitySet { get; init; }

    /// <summary>Primary key column, e.g. <c>accountid</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The column people know a row by (the status page names failed rows with it); null for none.</summary>
    public string? NameColumn { get; init; }

    /// <summary>The mapped columns read from Dynamics; a webhook's Update step fires only when one of them changes.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>Set for a child table that travels inside its parent's Xero record: its changes queue the parent.</summary>
    public ParentLookup? Parent { get; init; }

    /// <summary>The columns the connector writes back onto this table, in the order `provision` creates them; empty for none.</summary>
    public IReadOnlyList<WriteBackColumnSpec> WriteBack { get; init; } = [];

    /// <summary>The Xero element a row becomes (Contact, Item, Invoice); null for a table that travels inside another's.</summary>
    public string? XeroElement { get; init; }

    /// <summary>How a run's summary names what this table became, e.g. <c>Accounts → Xero contacts</c>; null for no line.</summary>
    public string? Summary { get; init; }

    /// <summary>The address of a linked record in Xero's web app, from its Xero id.</summary>
    public Func<string, string>? XeroUrl { get; init; }

    /// <summary>Tables whose rows must reach Xero before a row of this one can (an order's customer and products).</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>
    /// Where the drain works this table: lower first. A step may queue work only for tables drained after
    /// it (a contact its account, an order line its order); a row that needs one drained before it (an
    /// order its customer and products) waits for it.
    /// </summary>
    public required int DrainOrder { get; init; }

    /// <summary>Builds the step that works a batch of this table's journal entries.</summary>
    public required Func<StepServices, ISyncStep> Step { get; init; }

    /// <summary>A fan-out step only reads Dynamics and queues its parents' work: no Xero call, so bigger batches in one lane.</summary>
    public bool IsFanOut => Parent is not null;

    /// <summary>What a tracked read selects: the key, and for a child its parent lookup (capture queues the parent directly).</summary>
    public string TrackedSelect => Parent is { } p ? $"{Key},_{p.Column}_value" : Key;
}
