using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Xero.Common;

/// <summary>Query-string filters shared by the list endpoints: comma lists and the `where` filter.</summary>
internal static class ListQuery
{
    public static HashSet<string> CommaList(HttpRequest request, string name) =>
        request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Applies `where` to the records; on a parse failure returns the QueryParseException reply instead.</summary>
    public static IEnumerable<T> Where<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(HttpRequest request, IEnumerable<T> records, string typeName, out ApiReply? error)
    {
        error = null;
        string? text = request.Query["where"];
        if (string.IsNullOrWhiteSpace(text)) return records;
        var fields = typeof(T).GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var filter = WhereFilter.Parse(text, typeName, fields, out var message);
        if (filter is null)
        {
            error = ApiReply.Json(400, XeroErrors.QueryParse(message!));
            return [];
        }
        return records.Where(r => filter.Matches((JsonObject)JsonSerializer.SerializeToNode(r, XeroJson.Options)!)).ToList();
    }

    public static bool Flag(HttpRequest request, string name) =>
        string.Equals(request.Query[name], "true", StringComparison.OrdinalIgnoreCase);
}
