using D365Xero.Hosting;

namespace D365Xero.Cli.Commands;

/// <summary>The lines a sync or back-fill ends with: what moved, what failed, what it cost.</summary>
public static class SummaryPrinter
{
    public static void Print(TextWriter output, SyncSession.Outcome outcome)
    {
        var c = outcome.Connection.Counters;
        output.WriteLine($"Connection '{outcome.Connection.Name}':");
        if (outcome.PausedReason is not null) output.WriteLine($"  PAUSED: {outcome.PausedReason}");
        output.WriteLine($"  Xero contacts: {c.Created} created, {c.Matched} matched to existing, {c.Updated} updated, {c.Archived} archived, {c.Unchanged} unchanged, {c.Failed} failed");
        if (c.Skipped > 0) output.WriteLine($"  Dynamics contacts skipped: {c.Skipped} (see their xero_syncerror column)");
        var calls = outcome.Connection.Xero.CallsMade;
        output.WriteLine($"  Xero calls: {outcome.XeroCalls} ({string.Join(", ", calls.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))})");
        output.WriteLine($"  Dataverse calls: {outcome.Connection.Dataverse.Calls.Total}, rows written back: {outcome.Connection.WriteBack.RowsWritten}");
        if (outcome.FailedRows > 0) output.WriteLine($"  Rows in error: {outcome.FailedRows} (`d365-xero status` lists them; `d365-xero retry` tries them again)");
    }
}
