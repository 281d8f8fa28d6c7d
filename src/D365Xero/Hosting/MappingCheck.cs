using D365Xero.Configuration.Mapping;
using D365Xero.Errors;
using D365Xero.Sync;
using D365Xero.Sync.Validation;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Hosting;

/// <summary>
/// `check`'s lines for the Mapping section (docs/mappings.md): one per mapped column (it exists in Dynamics, read
/// from EntityDefinitions) and one per Xero value the mapping names (it exists and may be used, read from the
/// organisation's settings, in the words pre-send validation would use). Nothing when nothing is mapped.
/// </summary>
public static class MappingCheck
{
    private const string Fix = "correct the mapping (docs/mappings.md) or the data in Dynamics or Xero";

    public static async Task<IReadOnlyList<CheckResult>> RunAsync(SyncConnection c, CancellationToken ct)
    {
        var mapping = c.Options.Mapping;
        var columns = Columns(mapping).ToList();
        var values = Values(mapping).ToList();
        if (columns.Count == 0 && values.Count == 0) return [];
        var results = new List<CheckResult>();
        var attributes = new Dictionary<string, IReadOnlySet<string>?>();
        foreach (var (key, table, column) in columns)
        {
            var name = $"Mapping column {table}.{column}";
            try
            {
                if (!attributes.TryGetValue(table, out var known)) attributes[table] = known = await c.Dataverse.GetAttributeLogicalNamesAsync(table, ct);
                results.Add(known!.Contains(column)
                    ? CheckResult.Pass(name, $"{key} reads it; the column exists in Dynamics")
                    : CheckResult.Fail(name, $"{key} names {table}.{column}, which Dynamics does not have", $"create the column in Dynamics, or correct {key}"));
            }
            catch (RemoteApiException e)
            {
                results.Add(CheckResult.Fail(name, e.Message));
            }
        }
        if (values.Count == 0) return results;
        XeroSettings settings;
        try
        {
            settings = await c.Indexes.Reference.GetAsync(ct);
        }
        catch (RemoteApiException e)
        {
            return [.. results, .. values.Select(v => CheckResult.Fail($"{v.Key} = {v.Value}", $"not run: Xero's settings could not be read: {e.Message}"))];
        }
        foreach (var (key, value, check) in values)
        {
            var problems = new List<string>();
            check(problems, settings);
            results.Add(problems.Count == 0
                ? CheckResult.Pass($"{key} = {value}", "exists in Xero and may be used")
                : CheckResult.Fail($"{key} = {value}", string.Join(" ", problems.Distinct()), Fix));
        }
        return results;
    }

    /// <summary>Each mapped column with the key that names it: the maps, then the Reference template's columns.</summary>
    private static IEnumerable<(string Key, string Table, string Column)> Columns(MappingOptions m)
    {
        foreach (var (key, map) in Keyed(m))
            if (map.Source is { } s) yield return ($"{key}:Column", s.Table, s.Column);
        foreach (var column in m.Invoice.ReferenceColumns) yield return ("Mapping:Invoice:Reference", MappingOptions.InvoiceTable, column);
    }

    private static IEnumerable<(string Key, ColumnMap Map)> Keyed(MappingOptions m) =>
    [
        ("Mapping:AccountCode", m.AccountCode), ("Mapping:TaxType", m.TaxType),
        .. m.Tracking.Select((t, i) => ($"Mapping:Tracking:{i}", (ColumnMap)t)),
        .. m.Contact.All.Select(f => ($"Mapping:Contact:{f.Name}", (ColumnMap)f.Map)),
        .. m.Item.All.Select(f => ($"Mapping:Item:{f.Name}", (ColumnMap)f.Map)),
        .. m.Invoice.All.Select(f => ($"Mapping:Invoice:{f.Name}", (ColumnMap)f.Map)),
    ];

    /// <summary>Each Xero value a table of values names, with the check pre-send validation makes of it.</summary>
    private static IEnumerable<(string Key, string Value, Action<List<string>, XeroSettings> Check)> Values(MappingOptions m)
    {
        IEnumerable<(string, string, Action<List<string>, XeroSettings>)> Each(string key, ColumnMap map, Action<List<string>, XeroSettings, string> check) =>
            map.Values.Select(kv => ($"{key}:Values:{kv.Key}", kv.Value, (Action<List<string>, XeroSettings>)((p, s) => check(p, s, kv.Value.Trim()))));
        return
        [
            .. Each("Mapping:AccountCode", m.AccountCode, (p, s, v) => LineValidator.CheckCoding(p, v, null, s)),
            .. Each("Mapping:TaxType", m.TaxType, (p, s, v) => LineValidator.CheckCoding(p, null, v, s)),
            .. m.Tracking.SelectMany((t, i) => Each($"Mapping:Tracking:{i}", t,
                (p, s, v) => LineValidator.CheckTracking(p, [new XeroLineTracking { Name = t.Category, Option = v }], s))),
            .. Each("Mapping:Contact:DefaultCurrency", m.Contact.DefaultCurrency, (p, s, v) => FieldValidator.CheckContact(p, new XeroContact { DefaultCurrency = v }, s)),
            .. Each("Mapping:Contact:AccountsReceivableTaxType", m.Contact.AccountsReceivableTaxType,
                (p, s, v) => FieldValidator.CheckContact(p, new XeroContact { AccountsReceivableTaxType = v }, s)),
            .. Each("Mapping:Contact:ContactGroup", m.Contact.ContactGroup, (p, s, v) => FieldValidator.CheckContact(p, new XeroContact { ContactGroupName = v }, s)),
            .. Each("Mapping:Item:PurchaseAccountCode", m.Item.PurchaseAccountCode, (p, s, v) => FieldValidator.CheckPurchaseAccount(p, v, s)),
            .. Each("Mapping:Invoice:BrandingTheme", m.Invoice.BrandingTheme,
                (p, s, v) => { if (PayloadValidator.Check(new XeroInvoice { BrandingThemeName = v }, s) is { } problem) p.Add(problem); }),
        ];
    }
}
