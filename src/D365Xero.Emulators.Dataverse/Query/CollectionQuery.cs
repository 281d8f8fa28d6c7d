using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// GET of an entity set (or a collection navigation): $select, $filter, $orderby, $top, $count, $expand, and
/// paging with odata.maxpagesize / @odata.nextLink (docs/dataverse-rules.md#d-select-columns; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns; docs/dataverse-rules.md#d-paging; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results). Runs under the store gate.
/// </summary>
internal static class CollectionQuery
{
    public static ApiResponse Run(EmulatorContext ctx, TableDefinition table, ApiRequest request, Func<Row, bool>? scope = null)
    {
        var options = QueryOptions.Parse(request.Query);
        var prefer = PreferHeader.Parse(request.Header("Prefer"));
        if (prefer.TrackChanges || options.DeltaToken is not null)
            return ChangeTrackingQuery.Run(ctx, table, request, options, prefer);

        var store = ctx.Store;
        var columns = QueryBinder.Select(table, options.Select);
        var filter = QueryBinder.Filter(store, table, options.Filter);
        var expand = QueryBinder.Expand(store, table, options.Expand);
        var order = QueryBinder.OrderBy(table, options.OrderBy);
        var cookie = options.SkipToken is null ? null : PagingCookie.Decode(options.SkipToken);

        var rows = Matching(ctx, table, filter, scope);
        if (order.Count > 0) rows.Sort(new RowComparer(order));

        // $top is ignored when odata.maxpagesize is also set (docs/dataverse-rules.md#d-paging; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results).
        var pageSize = Math.Min(prefer.MaxPage ?? PreferHeader.MaxPageSize, PreferHeader.MaxPageSize);
        if (prefer.MaxPage is null && options.Top is { } top) pageSize = Math.Min(top, PreferHeader.MaxPageSize);
        var limitToTop = prefer.MaxPage is null && options.Top is not null;

        var start = cookie switch
        {
            null => 0,
            { LastId: { } last } when order.Count == 0 => FirstAfter(rows, last),
            _ => cookie.Offset,
        };
        var page = rows.Skip(start).Take(pageSize).ToList();
        var more = !limitToTop && start + page.Count < rows.Count;

        var serializer = new RowSerializer(store, prefer.Annotations);
        var json = new JsonObject
        {
            ["@odata.context"] = $"{ctx.ApiBase}$metadata#{table.EntitySetName}{QueryBinder.ContextSelect(options.Select, options.Expand)}",
        };
        if (options.Count) json["@odata.count"] = rows.Count;
        json["value"] = new JsonArray(page.Select(r => (JsonNode)serializer.Write(table, r, columns, expand)).ToArray());
        if (more)
        {
            var next = new PagingCookie((cookie?.PageNumber ?? 1) + 1, page[^1].Id, start + page.Count, null, false);
            json["@odata.nextLink"] = NextLink(ctx, request, options, next.Encode(table.PrimaryIdAttribute, page[0].Id));
        }
        var response = ApiResponse.Ok(json);
        return Applied(response, prefer);
    }

    /// <summary>Rows passing the filter, in primary-key order.</summary>
    public static List<Row> Matching(EmulatorContext ctx, TableDefinition table, FilterNode? filter, Func<Row, bool>? scope)
    {
        var result = new List<Row>();
        var candidates = filter is not null && KeyLookup.Of(table, filter) is { } byKey
            ? (IEnumerable<Row>)byKey.Rows(ctx.Store[table])
            : ctx.Store[table].Ordered();
        foreach (var row in candidates)
        {
            if (scope is not null && !scope(row)) continue;
            if (filter is not null && !filter.Matches(RowResolver.For(ctx.Store, table, row))) continue;
            result.Add(row);
        }
        return result;
    }

    /// <summary>A nextLink is the request URL unchanged plus the new $skiptoken (docs/dataverse-rules.md#d-paging; learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results).</summary>
    public static string NextLink(EmulatorContext ctx, ApiRequest request, QueryOptions options, string skipToken)
    {
        var parts = options.Raw.Where(p => p.Key != "$skiptoken")
            .Select(p => p.Key + "=" + Escape(p.Value))
            .Append("$skiptoken=" + Uri.EscapeDataString(skipToken));
        return ctx.ApiBase + request.Path + "?" + string.Join("&", parts);
    }

    /// <summary>Escapes a query value but keeps the characters OData clients write literally.</summary>
    public static string Escape(string value) =>
        Uri.EscapeDataString(value).Replace("%2C", ",").Replace("%28", "(").Replace("%29", ")").Replace("%27", "'").Replace("%3D", "=").Replace("%3B", ";").Replace("%24", "$");

    public static ApiResponse Applied(ApiResponse response, PreferHeader prefer)
    {
        var applied = new List<string>();
        if (prefer.Annotations.Any) applied.Add("odata.include-annotations=\"" + string.Join(",", AnnotationNames(prefer)) + "\"");
        if (prefer.MaxPage is { } max) applied.Add($"odata.maxpagesize={Math.Min(max, PreferHeader.MaxPageSize)}");
        if (prefer.TrackChanges) applied.Add("odata.track-changes");
        if (applied.Count > 0) response.Headers["Preference-Applied"] = string.Join(",", applied);
        return response;
    }

    private static IEnumerable<string> AnnotationNames(PreferHeader prefer) =>
        new[] { AnnotationFilter.FormattedValue, AnnotationFilter.AssociatedNavigationProperty, AnnotationFilter.LookupLogicalName }
            .Where(prefer.Annotations.Includes) is var names && names.Count() == 3 ? ["*"] : names;

    private static int FirstAfter(List<Row> rows, Guid last)
    {
        int lo = 0, hi = rows.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (rows[mid].Id.CompareTo(last) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
