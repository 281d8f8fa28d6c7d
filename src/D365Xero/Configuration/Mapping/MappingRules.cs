using System.Text.RegularExpressions;

namespace D365Xero.Configuration.Mapping;

/// <summary>Checks a bound <see cref="MappingOptions"/> at start: one line per bad entry, naming its full key.</summary>
public static partial class MappingRules
{
    public static IEnumerable<string> Problems(MappingOptions mapping, string path)
    {
        var problems = new List<string>();
        Check(problems, mapping.AccountCode, $"{path}:AccountCode", v => v.Length <= 10, "allowed: a Xero account code of up to 10 characters");
        Check(problems, mapping.TaxType, $"{path}:TaxType", TaxTypeText().IsMatch, "allowed: a Xero tax type such as OUTPUT or TAX001 (letters, digits, _)");
        if (mapping.Tracking.Count > MappingOptions.MaxTracking)
            problems.Add(SettingError.Line($"{path}:Tracking", $"{mapping.Tracking.Count} entries", "allowed: at most 2 tracking categories, as Xero allows (docs/xero-rules.md#x-tracking-two-categories)"));
        for (var i = 0; i < mapping.Tracking.Count; i++)
        {
            var map = mapping.Tracking[i];
            var key = $"{path}:Tracking:{i}";
            // One line per entry: its first problem.
            var before = problems.Count;
            if (string.IsNullOrWhiteSpace(map.Category)) problems.Add(SettingError.Line($"{key}:Category", map.Category, "allowed: the name of a Xero tracking category, e.g. Region"));
            else if (mapping.Tracking.Take(i).Any(t => string.Equals(t.Category, map.Category, StringComparison.OrdinalIgnoreCase)))
                problems.Add(SettingError.Line($"{key}:Category", map.Category, "allowed: a category not mapped twice"));
            if (problems.Count == before) Check(problems, map, key, v => v.Length <= 100, "allowed: a tracking option name of up to 100 characters");
            if (problems.Count == before && map.Column is null) problems.Add(SettingError.Line($"{key}:Column", null, "allowed: a Dynamics column as table.column, e.g. salesorder.new_region"));
        }
        problems.AddRange(FieldMapRules.Problems(mapping, path));
        return problems;
    }

    internal static void Check(List<string> problems, ColumnMap map, string key, Func<string, bool> valid, string allowed, params string[] tables)
    {
        if (tables.Length == 0) tables = MappingOptions.Tables;
        if (map.Column is not null && (map.Source is not { } source || !tables.Contains(source.Table) || !ColumnName().IsMatch(source.Column)))
            problems.Add(SettingError.Line($"{key}:Column", map.Column, tables.Length == 1
                ? $"allowed: a Dynamics column as {tables[0]}.column, e.g. {tables[0]}.new_example"
                : $"allowed: a Dynamics column as table.column, the table one of {string.Join(", ", tables)}"));
        var before = problems.Count;
        foreach (var (from, to) in map.Values)
            if (string.IsNullOrWhiteSpace(to) || !valid(to.Trim())) problems.Add(SettingError.Line($"{key}:Values:{from}", to, allowed));
        if (problems.Count == before && map.Values.Count > 0 && map.Column is null && map is not TrackingMap)
            problems.Add(SettingError.Line($"{key}:Column", null, "allowed: a Dynamics column as table.column, for the values to translate"));
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,50}$")]
    internal static partial Regex TaxTypeText();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,99}$")]
    internal static partial Regex ColumnName();
}
