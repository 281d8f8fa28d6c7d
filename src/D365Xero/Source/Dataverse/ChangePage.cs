using System.Text.Json.Nodes;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// One page of a change-tracking read. Rows created or updated come first, then deletions (docs/dataverse-rules.md#d-change-tracking-order; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems).
/// <see cref="DeltaLink"/> is set only on the last page: store it only after everything before it has
/// been committed downstream.
/// </summary>
public sealed record ChangePage(IReadOnlyList<JsonObject> Changed, IReadOnlyList<Guid> Deleted, string? DeltaLink);
