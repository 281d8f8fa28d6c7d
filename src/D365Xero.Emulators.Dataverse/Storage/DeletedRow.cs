namespace D365Xero.Emulators.Dataverse;

/// <summary>A delete remembered for change tracking's <c>$deletedEntity</c> rows (docs/dataverse-rules.md#d-change-tracking-deleted-rows; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems).</summary>
internal sealed record DeletedRow(Guid Id, long Version, DateTimeOffset At);
