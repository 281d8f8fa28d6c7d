using D365Xero.Source.Dataverse;

namespace D365Xero.WriteBack.Views;

/// <summary>
/// Keeps each table's Xero views (<see cref="XeroViews"/>): created once with their fixed ids inside the connector's solution,
/// updated in place when their definition changes, deleted by `provision --remove` (docs/dataverse-rules.md#d-savedqueries).
/// </summary>
public sealed class ViewProvisioner(DataverseClient dataverse, WriteBackColumns columns)
{
    /// <summary>Creates or updates the views; with <paramref name="solution"/> null only says what it would do.</summary>
    public async Task<IReadOnlyList<ProvisionChange>> AddAsync(string? solution, CancellationToken ct)
    {
        var changes = new List<ProvisionChange>();
        foreach (var view in await ViewsAsync(ct))
        {
            var stored = await dataverse.GetViewAsync(view.Id, ct);
            if (stored is not null && !view.DiffersFrom(stored)) continue;
            changes.Add(new ProvisionChange(stored is null ? "create" : "update", $"the {view.Table} view '{view.Name}'"));
            if (solution is null) continue;
            if (stored is null)
            {
                var body = view.Body();
                body["savedqueryid"] = view.Id.ToString("D");
                await dataverse.CreateViewAsync(body, solution, ct);
            }
            else
            {
                await dataverse.PatchAsync("savedqueries", view.Id, view.Body(), ct);
            }
        }
        return changes;
    }

    /// <summary>Deletes the views that exist.</summary>
    public async Task<IReadOnlyList<ProvisionChange>> RemoveAsync(bool dryRun, CancellationToken ct)
    {
        var changes = new List<ProvisionChange>();
        foreach (var view in await ViewsAsync(ct))
        {
            if (await dataverse.GetViewAsync(view.Id, ct) is null) continue;
            changes.Add(new ProvisionChange("delete", $"the {view.Table} view '{view.Name}'"));
            if (!dryRun) await dataverse.DeleteRowAsync("savedqueries", view.Id, ct);
        }
        return changes;
    }

    private async Task<IReadOnlyList<XeroView>> ViewsAsync(CancellationToken ct)
    {
        var views = new List<XeroView>();
        foreach (var table in columns.Registry.WithWriteBack)
            views.AddRange(XeroViews.For(table, columns.For(table.Name), await dataverse.GetObjectTypeCodeAsync(table.Name, ct)));
        return views;
    }
}
