using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace D365Xero.Emulators.Xero.Common;

/// <summary>
/// The `where` forms worth supporting: Field=="value" (or true/false/null/number) joined by AND or &amp;&amp;.
/// Anything else is a QueryParseException, as Xero answers unparseable filters.
/// Rule: [SPEC] examples; docs/xero-rules.md#x-where-syntax; linx.software/docs/reference/plugins/xero/filters/where/ (keep filters to simple == on optimised fields).
/// </summary>
internal sealed partial class WhereFilter
{
    private readonly List<(string Path, string? Literal)> _clauses;

    private WhereFilter(List<(string, string?)> clauses) => _clauses = clauses;

    /// <summary>Parses the filter; on failure returns null and the QueryParseException message.</summary>
    public static WhereFilter? Parse(string text, string typeName, ISet<string> fields, out string? error)
    {
        error = null;
        var clauses = new List<(string, string?)>();
        foreach (var part in Joiner().Split(text.Trim()))
        {
            var match = Clause().Match(part);
            if (!match.Success)
            {
                error = $"Syntax error in where clause: '{part.Trim()}'";
                return null;
            }
            var path = match.Groups["path"].Value;
            if (!fields.Contains(path.Split('.')[0]))
            {
                error = $"No property or field '{path.Split('.')[0]}' exists in type '{typeName}'";
                return null;
            }
            var value = match.Groups["value"].Value;
            clauses.Add((path, value == "null" ? null : value.Trim('"')));
        }
        return new WhereFilter(clauses);
    }

    public bool Matches(JsonObject record) => _clauses.All(c => Matches(record, c.Path, c.Literal));

    private static bool Matches(JsonObject record, string path, string? literal)
    {
        JsonNode? node = record;
        foreach (var segment in path.Split('.'))
            node = node is JsonObject o ? o.FirstOrDefault(p => string.Equals(p.Key, segment, StringComparison.OrdinalIgnoreCase)).Value : null;
        if (literal is null) return node is null;
        return node is not null && string.Equals(node.ToString(), literal, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"\s+AND\s+|\s*&&\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Joiner();

    [GeneratedRegex("""^\s*(?<path>[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)?)\s*==\s*(?<value>"[^"]*"|true|false|null|-?\d+(\.\d+)?)\s*$""")]
    private static partial Regex Clause();
}
