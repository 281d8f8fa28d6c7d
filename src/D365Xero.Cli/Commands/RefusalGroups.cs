using D365Xero.Sync;

namespace D365Xero.Cli.Commands;

/// <summary>
/// The dry run's rows that pre-send validation would stop (a value Xero's settings do not allow), grouped by
/// reason: one fix in the mapping or in Xero usually frees a whole group (docs/mappings.md).
/// </summary>
public static class RefusalGroups
{
    public static void Print(TextWriter output, IReadOnlyList<PlannedChange> plan)
    {
        var refused = plan.Where(p => p.Action == PlannedAction.Fail && LinkDetail.Parse(p.LinkDetail).RefusedBeforeSend == true).ToList();
        if (refused.Count == 0) return;
        output.WriteLine($"  Stopped before Xero by its settings ({refused.Count} rows, no call spent), by reason:");
        foreach (var group in refused.GroupBy(p => p.Detail ?? "").OrderByDescending(g => g.Count()))
        {
            var names = group.Select(p => $"{p.Table} '{p.Name ?? p.DynamicsId.ToString()}'").ToList();
            output.WriteLine($"    {group.Count()} × {group.Key}");
            output.WriteLine($"        {string.Join(", ", names.Take(10))}{(names.Count > 10 ? $", and {names.Count - 10} more" : "")}");
        }
    }
}
