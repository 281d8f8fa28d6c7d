using System.Globalization;

namespace D365Xero.Emulators.Dataverse;

/// <summary>The system query options of a request, split but not yet bound to a table.</summary>
internal sealed class QueryOptions
{
    public IReadOnlyList<string>? Select { get; private init; }
    public string? Filter { get; private init; }
    public IReadOnlyList<ExpandOption> Expand { get; private init; } = [];
    public IReadOnlyList<OrderByOption> OrderBy { get; private init; } = [];
    public int? Top { get; private init; }
    public bool Count { get; private init; }
    public string? SkipToken { get; private init; }
    public string? DeltaToken { get; private init; }
    /// <summary>The raw options in request order, for building nextLinks.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Raw { get; private init; } = [];

    public static QueryOptions Parse(string? query)
    {
        var raw = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(query))
        {
            foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
                raw.Add(new(key, value));
            }
        }
        string? Get(string name) => raw.LastOrDefault(p => p.Key == name).Value;
        var select = Get("$select");
        var top = Get("$top");
        return new QueryOptions
        {
            Raw = raw,
            Select = select is null ? null : SplitTopLevel(select, ','),
            Filter = Get("$filter"),
            Expand = Get("$expand") is { } expand ? SplitTopLevel(expand, ',').Select(ParseExpand).ToList() : [],
            OrderBy = Get("$orderby") is { } order ? SplitTopLevel(order, ',').Select(ParseOrder).ToList() : [],
            Top = top is null ? null : int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : throw Errors.BadRequest($"Invalid value '{top}' for $top query option found."),
            Count = string.Equals(Get("$count"), "true", StringComparison.OrdinalIgnoreCase),
            SkipToken = Get("$skiptoken"),
            DeltaToken = Get("$deltatoken"),
        };
    }

    public bool Has(string option) => Raw.Any(p => p.Key == option);

    private static ExpandOption ParseExpand(string item)
    {
        var open = item.IndexOf('(');
        if (open < 0) return new ExpandOption(item.Trim(), null, null);
        var name = item[..open].Trim();
        var inner = item[(open + 1)..item.LastIndexOf(')')];
        IReadOnlyList<string>? select = null;
        string? filter = null;
        foreach (var option in SplitTopLevel(inner, ';'))
        {
            var eq = option.IndexOf('=');
            if (eq < 0) continue;
            var key = option[..eq].Trim();
            var value = option[(eq + 1)..];
            if (key == "$select") select = SplitTopLevel(value, ',');
            else if (key == "$filter") filter = value;
        }
        return new ExpandOption(name, select, filter);
    }

    private static OrderByOption ParseOrder(string item)
    {
        var parts = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new OrderByOption(parts[0], parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Splits on a separator outside parentheses and quotes.</summary>
    public static List<string> SplitTopLevel(string text, char separator)
    {
        var result = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'') quoted = !quoted;
            else if (!quoted && c == '(') depth++;
            else if (!quoted && c == ')') depth--;
            else if (!quoted && depth == 0 && c == separator)
            {
                result.Add(text[start..i].Trim());
                start = i + 1;
            }
        }
        if (start < text.Length) result.Add(text[start..].Trim());
        return result.Where(s => s.Length > 0).ToList();
    }
}
