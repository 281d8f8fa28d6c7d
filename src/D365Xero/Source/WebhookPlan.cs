using D365Xero.Source.Dataverse;
using D365Xero.Source.Rows;

namespace D365Xero.Source;

/// <summary>
/// The steps `register-webhooks` creates: Create, Update and Delete on each synced table, asynchronous
/// and post-operation; Update filtered to the mapped columns only (never our own write-back columns,
/// so writing back does not fire the webhook again); a pre-image on Delete (reference §4).
/// </summary>
public static class WebhookPlan
{
    public static readonly IReadOnlyDictionary<string, string[]> MappedColumns = new Dictionary<string, string[]>
    {
        ["account"] = AccountRow.Columns,
        ["contact"] = ContactRow.Columns,
        ["product"] = ProductRow.Columns,
        ["salesorder"] = SalesOrderRow.Columns,
        ["salesorderdetail"] = SalesOrderLineRow.Columns,
    };

    /// <summary>Columns Dataverse sets itself on every write; filtering on them would fire on everything.</summary>
    private static readonly HashSet<string> SystemColumns = ["createdon", "modifiedon", "fullname"];

    public static IReadOnlyList<WebhookStep> Steps() =>
        MappedColumns.SelectMany(t =>
        {
            var filtering = t.Value.Where(c => !SystemColumns.Contains(c)).ToList();
            return new[]
            {
                new WebhookStep(t.Key, "Create"),
                new WebhookStep(t.Key, "Update", FilteringAttributes: filtering),
                new WebhookStep(t.Key, "Delete", PreImageAttributes: filtering),
            };
        }).ToList();
}
