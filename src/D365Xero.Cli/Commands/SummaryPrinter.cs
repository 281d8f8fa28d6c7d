using D365Xero.Hosting;

namespace D365Xero.Cli.Commands;

/// <summary>The lines a sync or back-fill ends with: what moved, what failed, what it cost.</summary>
public static class SummaryPrinter
{
    private static readonly (string Table, string What)[] Targets =
    [
        ("account", "Accounts → Xero contacts"),
        ("contact", "Contacts → people (skipped ones say why on their row)"),
        ("product", "Products → Xero items"),
        ("salesorder", "Orders → Xero invoices"),
    ];

    public static void Print(TextWriter output, SyncSession.Outcome outcome)
    {
        output.WriteLine($"Connection '{outcome.Connection.Name}':");
        if (outcome.PausedReason is not null) output.WriteLine($"  PAUSED: {outcome.PausedReason}");
        if (outcome.SkippedReason is not null) output.WriteLine($"  {outcome.SkippedReason}");
        if (outcome.UnavailableReason is not null) output.WriteLine($"  WAITING: {outcome.UnavailableReason}");
        foreach (var (table, what) in Targets)
        {
            if (!outcome.Connection.Counters.Tables.TryGetValue(table, out var c)) continue;
            output.WriteLine($"  {what}: {c.Created} created, {c.Matched} matched to existing, {c.Updated} updated, "
                + $"{c.Archived} {(table == "product" ? "deleted" : "archived")}, {c.Unchanged} unchanged, {c.Skipped} skipped, {c.Failed} failed");
        }
        var calls = outcome.Connection.Xero.CallsMade;
        output.WriteLine($"  Xero calls: {outcome.XeroCalls} ({string.Join(", ", calls.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))})");
        output.WriteLine($"  Dataverse calls: {outcome.Connection.Dataverse.Calls.Total}, rows written back: {outcome.Connection.WriteBack.RowsWritten}");
        if (outcome.FailedRows > 0) output.WriteLine($"  Rows in error: {outcome.FailedRows} (`d365-xero status` lists them; `d365-xero retry` tries them again)");
    }
}
