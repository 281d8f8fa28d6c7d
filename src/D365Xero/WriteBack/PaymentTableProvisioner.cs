using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Source.Dataverse;
using D365Xero.WriteBack.Forms;

namespace D365Xero.WriteBack;

/// <summary>
/// Creates the connector's payments table (<see cref="PaymentTable"/>) in the connector's solution and publishes it: the table with its
/// primary name, each column and the lookup to salesorder, whichever are missing; then its view "Xero payments" and a subgrid of it on
/// the sales order's main form (<see cref="PaymentsFormSection"/>). Idempotent: what exists is left as it is, so a second run changes
/// nothing; a dry run only reads and says what it would create. `provision --remove` takes the subgrid and the view away, and with
/// <c>--columns</c> the table and its rows too.
/// </summary>
public sealed class PaymentTableProvisioner(DataverseClient dataverse, PaymentTable table, IReadOnlyCollection<string> formNames)
{
    private static readonly HashSet<HttpStatusCode> NotFound = [HttpStatusCode.NotFound];
    private readonly PaymentsFormSection _section = new(table);

    /// <param name="solutionUniqueName">The connector's solution; null in a dry run (nothing is created).</param>
    public async Task<IReadOnlyList<ProvisionChange>> AddAsync(string? solutionUniqueName, CancellationToken ct)
    {
        var dryRun = solutionUniqueName is null;
        var changes = new List<ProvisionChange>();
        var exists = await TableExistsAsync(ct);
        var columns = exists ? await dataverse.GetAttributeLogicalNamesAsync(table.LogicalName, ct) : new HashSet<string>();
        if (!exists)
        {
            changes.Add(new("create", $"the table {table.LogicalName} (Xero Payments, entity set {table.EntitySet})"));
            if (!dryRun) await CreateAsync("EntityDefinitions", PaymentTableBodies.Entity(table), solutionUniqueName!, ct);
        }
        foreach (var column in table.Columns.Where(c => !columns.Contains(c.LogicalName)))
        {
            changes.Add(new("create", $"the column {table.LogicalName}.{column.LogicalName}"));
            if (!dryRun) await CreateAsync($"EntityDefinitions(LogicalName='{table.LogicalName}')/Attributes", PaymentTableBodies.Column(column), solutionUniqueName!, ct);
        }
        if (!columns.Contains(table.OrderLookup))
        {
            changes.Add(new("create", $"the lookup {table.LogicalName}.{table.OrderLookup} to salesorder"));
            if (!dryRun) await CreateAsync("RelationshipDefinitions", PaymentTableBodies.Relationship(table), solutionUniqueName!, ct);
        }
        // The view names the new columns, so they are published first.
        if (!dryRun && changes.Count > 0) await dataverse.PublishAsync([table.LogicalName], ct);

        var customised = new List<ProvisionChange>();
        customised.AddRange(await AddViewAsync(exists || !dryRun, solutionUniqueName, ct));
        customised.AddRange(await AddSubgridAsync(solutionUniqueName, ct));
        if (!dryRun && customised.Count > 0) await dataverse.PublishAsync([table.LogicalName, "salesorder"], ct);
        return [.. changes, .. customised];
    }

    /// <summary>Takes the subgrid off the order forms and deletes the view; with <paramref name="dropTable"/> deletes the table too.
    /// The caller publishes salesorder.</summary>
    public async Task<IReadOnlyList<ProvisionChange>> RemoveAsync(bool dropTable, bool dryRun, CancellationToken ct)
    {
        var changes = new List<ProvisionChange>();
        foreach (var form in await dataverse.GetMainFormsAsync("salesorder", ct))
        {
            if (_section.Remove(form.FormXml) is not { } without) continue;
            changes.Add(new("remove", $"the Xero payments section from the salesorder form '{form.Name}'"));
            if (!dryRun) await dataverse.UpdateFormXmlAsync(form.Id, without, ct);
        }
        if (await dataverse.GetViewAsync(PaymentsView.Id(table), ct) is not null)
        {
            changes.Add(new("delete", $"the {table.LogicalName} view '{PaymentsView.Name}'"));
            if (!dryRun) await dataverse.DeleteRowAsync("savedqueries", PaymentsView.Id(table), ct);
        }
        if (dropTable && await TableExistsAsync(ct))
        {
            changes.Add(new("delete", $"the table {table.LogicalName} and the payments it held"));
            if (!dryRun)
            {
                var request = new DataverseRequest(HttpMethod.Delete, dataverse.Api($"EntityDefinitions(LogicalName='{table.LogicalName}')"), DataverseOperation.Provision)
                {
                    Tolerated = NotFound,
                };
                using var _ = await dataverse.Transport.SendAsync(request, ct).ConfigureAwait(false);
            }
        }
        return changes;
    }

    /// <summary>Creates or updates the view; when the table does not exist yet (a dry run) only says it would create it.</summary>
    private async Task<IReadOnlyList<ProvisionChange>> AddViewAsync(bool tableThere, string? solution, CancellationToken ct)
    {
        if (!tableThere) return [new("create", $"the {table.LogicalName} view '{PaymentsView.Name}'")];
        var view = PaymentsView.For(table, await dataverse.GetObjectTypeCodeAsync(table.LogicalName, ct));
        var stored = await dataverse.GetViewAsync(view.Id, ct);
        if (stored is not null && !view.DiffersFrom(stored)) return [];
        var change = new ProvisionChange(stored is null ? "create" : "update", $"the {table.LogicalName} view '{view.Name}'");
        if (solution is null) return [change];
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
        return [change];
    }

    /// <summary>Puts the payments subgrid on the chosen sales order forms (those the Xero section goes on).</summary>
    private async Task<IReadOnlyList<ProvisionChange>> AddSubgridAsync(string? solution, CancellationToken ct)
    {
        var changes = new List<ProvisionChange>();
        foreach (var form in FormProvisioner.Chosen(await dataverse.GetMainFormsAsync("salesorder", ct), formNames))
        {
            if (_section.Add(form.FormXml) is not { } changed) continue;
            changes.Add(new("add", $"the Xero payments section to the salesorder form '{form.Name}'"));
            if (solution is null) continue;
            await dataverse.UpdateFormXmlAsync(form.Id, changed, ct);
            await dataverse.SolutionComponentAsync(add: true, form.Id, DataverseClient.FormComponent, solution, ct);
        }
        return changes;
    }

    /// <summary><c>GET EntityDefinitions(LogicalName='…')</c>: 404 until the table exists.</summary>
    private async Task<bool> TableExistsAsync(CancellationToken ct)
    {
        var request = new DataverseRequest(HttpMethod.Get, dataverse.Api($"EntityDefinitions(LogicalName='{table.LogicalName}')?$select=LogicalName"), DataverseOperation.Metadata)
        {
            Tolerated = NotFound,
            Headers = [new("Consistency", "Strong")],
        };
        using var response = await dataverse.Transport.SendAsync(request, ct).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    private Task<Guid> CreateAsync(string relative, JsonObject body, string solutionUniqueName, CancellationToken ct) =>
        dataverse.CreateAsync(relative, body, DataverseOperation.Provision, ct, solutionUniqueName);
}
