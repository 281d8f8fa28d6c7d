using D365Xero.Source.Dataverse;
using D365Xero.Tables;

namespace D365Xero.Source;

/// <summary>
/// The steps `register-webhooks` creates: Create, Update and Delete on each synced table, asynchronous
/// and post-operation; Update filtered to the mapped columns only, those the connection's Mapping section reads
/// among them (docs/mappings.md), never our own write-back columns,
/// so writing back does not fire the webhook again); a pre-image on Delete
/// (https://learn.microsoft.com/power-apps/developer/data-platform/register-web-hook).
/// </summary>
public static class WebhookPlan
{
    /// <summary>Columns Dataverse sets itself on every write; filtering on them would fire on everything.</summary>
    private static readonly HashSet<string> SystemColumns = ["createdon", "modifiedon", "fullname"];

    /// <summary>The steps for the connector's own tables.</summary>
    public static IReadOnlyList<WebhookStep> Steps() => Steps(SyncedTables.Default);

    /// <param name="mapping">The connection's mapping: the columns it reads join each table's filtering attributes, so changing one sends the row again.</param>
    public static IReadOnlyList<WebhookStep> Steps(TableRegistry tables, Configuration.Mapping.MappingOptions? mapping = null) =>
        tables.All.SelectMany(t =>
        {
            var own = t.Columns.Where(c => !SystemColumns.Contains(c)).ToList();
            var filtering = own.Concat(mapping?.ColumnsOf(t.Name) ?? []).Distinct().ToList();
            return new[]
            {
                new WebhookStep(t.Name, "Create"),
                new WebhookStep(t.Name, "Update", FilteringAttributes: filtering),
                new WebhookStep(t.Name, "Delete", PreImageAttributes: own),
            };
        }).ToList();
}
