namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// The sales order's states and the statuses each allows (docs/dataverse-rules.md#d-table-columns; learn.microsoft.com/dynamics365/developer/reference/entities/salesorder),
/// and the rule that a closed order is read-only (docs/dataverse-rules.md#d-closed-order-read-only).
/// </summary>
internal static class SalesOrderStates
{
    public const int Active = 0, Submitted = 1, Canceled = 2, Fulfilled = 3, Invoiced = 4;

    /// <summary>statuscode values valid in each statecode (salesorder statuscode metadata: 1,2 Active; 3 Submitted; 4 Canceled; 100001,100002 Fulfilled; 100003 Invoiced).</summary>
    public static readonly IReadOnlyDictionary<int, int[]> Statuses = new Dictionary<int, int[]>
    {
        [Active] = [1, 2], [Submitted] = [3], [Canceled] = [4], [Fulfilled] = [100001, 100002], [Invoiced] = [100003],
    };

    public static bool IsClosed(int? state) => state is Canceled or Fulfilled or Invoiced;

    public static int? State(TableDefinition table, Row row) => row[table.Find("statecode")!] as int?;

    /// <summary>
    /// Rule: an update of a Canceled, Fulfilled or Invoiced order fails unless it only changes statecode/statuscode (reopening it)
    /// (docs/dataverse-rules.md#d-closed-order-read-only).
    /// </summary>
    public static void RequireWritable(TableDefinition table, Row existing, WritePayload payload)
    {
        if (table.LogicalName != "salesorder" || !IsClosed(State(table, existing))) return;
        if (payload.Values.All(v => v.Key.LogicalName is "statecode" or "statuscode")) return;
        throw Errors.ReadOnlyEntity(table);
    }
}
