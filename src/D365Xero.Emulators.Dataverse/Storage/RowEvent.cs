namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// A committed Create, Update or Delete, as a plug-in step would see it: the row before and after, and the
/// columns the request named (an Update step's filtering attributes are matched against these, docs/dataverse-rules.md#d-webhook-steps; learn.microsoft.com/power-apps/developer/data-platform/register-web-hook).
/// </summary>
internal sealed record RowEvent(
    string MessageName,
    TableDefinition Table,
    Guid Id,
    Row? Before,
    Row? After,
    IReadOnlyList<ColumnDefinition> RequestColumns,
    DateTimeOffset At);
