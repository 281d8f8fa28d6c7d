using System.CommandLine;
using D365Xero.Hosting;
using D365Xero.Sync;

namespace D365Xero.Cli.Commands;

/// <summary>`backfill [--dry-run]`: the first full sync (change tracking's first read returns every row), with a progress bar.</summary>
public static class BackfillCommand
{
    public static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Print the plan (what would be created, matched to existing Xero records, skipped or refused, and why) and the Xero calls it will cost (by purpose, and in days of Xero:DayLimit) without writing anything.",
    };

    public static Command Create()
    {
        var command = new Command("backfill", "The first full sync of everything that exists in Dynamics, with a progress bar and a summary; --dry-run prints the plan instead and writes nothing. Takes each connection's lease; one another instance (e.g. serve) is working is skipped, saying so (exit 2). Exit codes as for `sync --once`: 3 when a service stayed unavailable for Sync:OutageGiveUp or Xero's daily limit is spent, every row left waiting for the next run.") { DryRun };
        command.SetAction((parse, ct) => CommandHost.RunAsync(parse, ct, async (host, ct) =>
        {
            var runtime = host.Runtime;
            if (parse.GetValue(DryRun))
            {
                foreach (var connection in runtime.Connections)
                {
                    await ConnectorRuntime.EnsureColumnsAsync(connection, ct);
                    // Progress redraws one line of a terminal; redirected, it would run into the plan, so none is shown.
                    var progress = Console.IsErrorRedirected ? null : new Progress<string>(p => Console.Error.Write($"\rReading {p}…   "));
                    var preview = new BackfillPreview(connection);
                    var plan = await preview.PlanAsync(progress, ct);
                    if (progress is not null) Console.Error.WriteLine();
                    PrintPlan(Console.Out, connection.Name, plan);
                    PrintCost(Console.Out, await preview.CostAsync(plan, ct));
                }
                return 0;
            }
            using var bar = new ProgressBar(runtime, Console.Error);
            var outcomes = await SyncSession.RunAsync(runtime, waitForRetries: true, ct);
            bar.Dispose();
            foreach (var outcome in outcomes) SummaryPrinter.Print(Console.Out, outcome);
            return SyncCommand.ExitCode(outcomes);
        }));
        return command;
    }

    public static void PrintPlan(TextWriter output, string connection, IReadOnlyList<PlannedChange> plan)
    {
        output.WriteLine($"Back-fill plan for connection '{connection}' (nothing has been written):");
        var actions = Enum.GetValues<PlannedAction>().Where(a => a != PlannedAction.Nothing).ToList();
        output.WriteLine($"  {"table",-12}" + string.Concat(actions.Select(a => $"{a,11}")));
        foreach (var table in plan.Select(p => p.Table).Distinct())
        {
            output.WriteLine($"  {table,-12}" + string.Concat(actions.Select(a => $"{plan.Count(p => p.Table == table && p.Action == a),11}")));
        }
        RefusalGroups.Print(output, plan);
        foreach (var row in plan.Where(p => p.Action is PlannedAction.Fail or PlannedAction.Skip or PlannedAction.Wait || p.Detail is not null).Take(40))
        {
            output.WriteLine($"  {row.Action,-9} {row.Table} {row.DynamicsId} '{row.Name}': {row.Detail}");
        }
    }

    /// <summary>The calls the back-fill will spend of the organisation's Xero budget, by purpose, and how many days of Xero:DayLimit.</summary>
    public static void PrintCost(TextWriter output, BackfillCost cost)
    {
        output.WriteLine($"Xero calls it will cost: {cost.Total} ({cost.ReadCalls} reads, {cost.WriteCalls} writes)");
        output.WriteLine("  reads:  " + (cost.Reads.Count == 0 ? "none" : string.Join(", ", cost.Reads.Select(r => $"{r.Purpose} {r.Calls}"))));
        output.WriteLine("  writes: " + (cost.Writes.Count == 0 ? "none"
            : string.Join(", ", cost.Writes.Select(w => $"{w.Table} {w.Calls} ({w.Rows} rows)"))) + $", {cost.BatchSize} rows a call (Xero:BatchSize)");
        output.WriteLine($"  at Xero:DayLimit {cost.DayLimit} calls a day: {cost.Days} day{(cost.Days == 1 ? "" : "s")}"
            + (cost.Days > 1 ? "; when a day is spent the back-fill stops (exit 3) and the next run after the reset carries on" : ""));
    }
}
