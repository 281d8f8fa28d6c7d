using D365Xero.Hosting;

namespace D365Xero.Cli.Commands;

/// <summary>The lines a sync or back-fill ends with: what moved, what failed, what it cost.</summary>
public static class SummaryPrinter
{
    public static void Print(TextWriter output, SyncSession.Outcome outcome)
    {
        output.WriteLine($"Connection '{outcome.Connection.Name}':");
        if (outcome.PausedReason is not null) output.WriteLine($"  PAUSED: {outcome.PausedReason}");
        if (outcome.SkippedReason is not null) output.WriteLine($"  {outcome.SkippedReason}");
        if (outcome.UnavailableReason is not null) output.WriteLine($"  WAITING: {outcome.UnavailableReason}");
        foreach (var table in outcome.Connection.Tables.All.Where(t => t.Summary is not null))
        {
            if (!outcome.Connection.Counters.Tables.TryGetValue(table.Name, out var c)) continue;
            // A row that travels inside its parent's record is sent with it: Xero cannot say whether it was new.
            output.WriteLine(table.IsFanOut
                ? $"  {table.Summary}: {c.Updated} sent with their {table.Parent!.Table}, {c.Unchanged} unchanged, {c.Skipped} skipped, {c.Failed} failed"
                    + (c.Created + c.Matched + c.Archived > 0 ? $"; customers of their own: {c.Created} created, {c.Matched} matched, {c.Archived} archived" : "")
                : $"  {table.Summary}: {c.Created} created, {c.Matched} matched to existing, {c.Updated} updated, "
                    + $"{c.Archived} {(table.XeroElement == "Item" ? "deleted" : "archived")}, {c.Unchanged} unchanged, {c.Skipped} skipped, {c.Failed} failed");
        }
        var calls = outcome.Connection.Xero.CallsMade;
        output.WriteLine($"  Xero calls: {outcome.XeroCalls} ({string.Join(", ", calls.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))})");
        output.WriteLine($"  Dataverse calls: {outcome.Connection.Dataverse.Calls.Total}, rows written back: {outcome.Connection.WriteBack.RowsWritten}");
        if (outcome.FailedRows > 0) output.WriteLine($"  Rows in error: {outcome.FailedRows} (`d365-xero status` lists them; `d365-xero retry` tries them again)");
    }
}
