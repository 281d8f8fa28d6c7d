namespace D365Xero.Emulators.Dataverse;

/// <summary>A delete remembered for change tracking's <c>$deletedEntity</c> rows (reference §3).</summary>
internal sealed record DeletedRow(Guid Id, long Version, DateTimeOffset At);
