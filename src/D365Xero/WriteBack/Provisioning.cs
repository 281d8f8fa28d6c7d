using D365Xero.Source.Dataverse;
using D365Xero.WriteBack.Forms;
using D365Xero.WriteBack.Views;

namespace D365Xero.WriteBack;

/// <summary>
/// What `provision` puts into a Dynamics organisation, in the connector's solution: the write-back columns, the payments table
/// (<see cref="PaymentTable"/>), the Xero section on the main forms and the Xero views, published; and, for `provision --remove`, taking them out again (the columns only when
/// asked, since they hold data). A dry run reads and says, and changes nothing. Safe to run again: a second run changes nothing.
/// </summary>
public sealed class Provisioning(DataverseClient dataverse, WriteBackColumns columns, IReadOnlyCollection<string> formNames)
{
    private readonly FormProvisioner _forms = new(dataverse, columns, formNames);
    private readonly ViewProvisioner _views = new(dataverse, columns);
    private readonly PaymentTableProvisioner _payments = new(dataverse, PaymentTable.For(columns.Prefix), formNames);

    public async Task<IReadOnlyList<ProvisionChange>> AddAsync(bool dryRun, CancellationToken ct)
    {
        var provisioner = new ColumnProvisioner(dataverse, columns);
        var changes = new List<ProvisionChange>();
        if (dryRun)
        {
            foreach (var (table, names) in await provisioner.MissingAsync(ct))
                changes.AddRange(names.Select(n => new ProvisionChange("create", $"the column {table}.{n}")));
        }
        else
        {
            changes.AddRange((await provisioner.ProvisionAsync(ct)).Select(c => new ProvisionChange("create", $"the column {c}")));
        }
        var solution = dryRun ? null : (await dataverse.EnsurePublisherAndSolutionAsync(columns.Prefix, cancellationToken: ct)).UniqueName;
        var customised = new List<ProvisionChange>();
        customised.AddRange(await _forms.AddAsync(solution, ct));
        customised.AddRange(await _views.AddAsync(solution, ct));
        if (!dryRun && customised.Count > 0) await dataverse.PublishAsync(columns.Tables, ct);
        // After the forms, so the payments subgrid goes right after the Xero section; it publishes what it changed itself.
        customised.AddRange(await _payments.AddAsync(solution, ct));
        return [.. changes, .. customised];
    }

    /// <summary>Takes the sections and views away (and with <paramref name="dropColumns"/> the columns and the payments table, after them:
    /// Dataverse refuses to delete a column or table a form or view still shows), publishing the tables.</summary>
    public async Task<IReadOnlyList<ProvisionChange>> RemoveAsync(bool dropColumns, bool dryRun, CancellationToken ct)
    {
        var changes = new List<ProvisionChange>();
        changes.AddRange(await _forms.RemoveAsync(DataverseClient.SolutionUniqueName, dryRun, ct));
        changes.AddRange(await _views.RemoveAsync(dryRun, ct));
        // The payments subgrid and view go; the payments table (and what it holds) only with the columns.
        changes.AddRange(await _payments.RemoveAsync(dropColumns, dryRun, ct));
        if (!dryRun && changes.Count > 0) await dataverse.PublishAsync(columns.Tables, ct);
        if (!dropColumns) return changes;
        foreach (var table in columns.Tables)
        {
            var existing = await dataverse.GetAttributeLogicalNamesAsync(table, ct);
            foreach (var column in columns.For(table).Where(c => existing.Contains(c.LogicalName)))
            {
                changes.Add(new ProvisionChange("delete", $"the column {table}.{column.LogicalName} and the values it held"));
                if (!dryRun) await dataverse.DeleteColumnAsync(table, column.LogicalName, ct);
            }
        }
        if (!dryRun && dropColumns) await dataverse.PublishAsync(columns.Tables, ct);
        return changes;
    }
}
