using D365Xero.Source.Dataverse;
using D365Xero.Tables;

namespace D365Xero.WriteBack.Forms;

/// <summary>
/// Puts the read-only Xero section on each table's main form (the default one, or those named in <c>Dataverse:Forms</c>),
/// and takes it off again, through <c>systemforms</c> (docs/dataverse-rules.md#d-systemforms-formxml). The caller publishes
/// the tables it touched (<c>PublishXml</c>), after which the apps show the change.
/// </summary>
public sealed class FormProvisioner(DataverseClient dataverse, WriteBackColumns columns, IReadOnlyCollection<string> formNames)
{
    /// <summary>Adds the section where it is missing or incomplete; with <paramref name="solution"/> null only says what it would do.</summary>
    public async Task<IReadOnlyList<ProvisionChange>> AddAsync(string? solution, CancellationToken ct)
    {
        var changes = new List<ProvisionChange>();
        foreach (var table in columns.Registry.WithWriteBack)
        {
            var section = SectionOf(table);
            foreach (var form in Chosen(await dataverse.GetMainFormsAsync(table.Name, ct), formNames))
            {
                if (section.Add(form.FormXml) is not { } changed) continue;
                changes.Add(section.IsOn(form.FormXml)
                    ? new ProvisionChange("update", $"the Xero section of the {table.Name} form '{form.Name}' (controls it lacked)")
                    : new ProvisionChange("add", $"the Xero section to the {table.Name} form '{form.Name}'"));
                if (solution is null) continue;
                await dataverse.UpdateFormXmlAsync(form.Id, changed, ct);
                await dataverse.SolutionComponentAsync(add: true, form.Id, DataverseClient.FormComponent, solution, ct);
            }
        }
        return changes;
    }

    /// <summary>Takes the section off every main form that has it (whichever forms were chosen when it was added).</summary>
    public async Task<IReadOnlyList<ProvisionChange>> RemoveAsync(string? solution, bool dryRun, CancellationToken ct)
    {
        var changes = new List<ProvisionChange>();
        foreach (var table in columns.Registry.WithWriteBack)
        {
            var section = SectionOf(table);
            foreach (var form in await dataverse.GetMainFormsAsync(table.Name, ct))
            {
                if (section.Remove(form.FormXml) is not { } without) continue;
                changes.Add(new ProvisionChange("remove", $"the Xero section from the {table.Name} form '{form.Name}'"));
                if (dryRun) continue;
                await dataverse.UpdateFormXmlAsync(form.Id, without, ct);
                if (solution is not null) await dataverse.SolutionComponentAsync(add: false, form.Id, DataverseClient.FormComponent, solution, ct);
            }
        }
        return changes;
    }

    private XeroFormSection SectionOf(SyncedTable table) => new(table.Name, SectionControl.For(columns.For(table.Name)));

    /// <summary>The forms named in <c>Dataverse:Forms</c> when the table has any of them; otherwise its default main form.</summary>
    internal static IEnumerable<MainForm> Chosen(IReadOnlyList<MainForm> forms, IReadOnlyCollection<string> formNames)
    {
        var named = forms.Where(f => formNames.Contains(f.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (named.Count > 0) return named;
        return forms.Where(f => f.IsDefault).DefaultIfEmpty(forms.FirstOrDefault()).OfType<MainForm>().Take(1);
    }
}
