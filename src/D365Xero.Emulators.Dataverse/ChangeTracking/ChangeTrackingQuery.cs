using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Change tracking (docs/dataverse-rules.md#d-change-tracking-initial; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems): <c>Prefer: odata.track-changes</c> returns every row plus an
/// <c>@odata.deltaLink</c> on the last page; GET of the delta link returns rows created or updated since the
/// token (current state, ordered by version), then <c>$deletedEntity</c> rows, then a new delta link.
/// </summary>
internal static class ChangeTrackingQuery
{
    // docs/dataverse-rules.md#d-change-tracking-no-query-options; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems, in the order checked.
    private static readonly string[] Refused = ["$filter", "$orderby", "$expand", "$top"];

    public static ApiResponse Run(EmulatorContext ctx, TableDefinition table, ApiRequest request, QueryOptions options, PreferHeader prefer)
    {
        if (!table.ChangeTrackingEnabled) throw Errors.ChangeTrackingDisabled(table);
        foreach (var option in Refused)
        {
            if (options.Has(option)) throw Errors.NotWithChangeTracking(option);
        }
        var columns = QueryBinder.Select(table, options.Select);
        var cookie = options.SkipToken is null ? null : PagingCookie.Decode(options.SkipToken);
        var pageSize = Math.Min(prefer.MaxPage ?? PreferHeader.MaxPageSize, PreferHeader.MaxPageSize);
        var serializer = new RowSerializer(ctx.Store, prefer.Annotations);
        var selectPart = options.Select is null ? "" : "(" + string.Join(",", options.Select) + ")";

        if (options.DeltaToken is null)
        {
            // Initial request: all rows; the token is the version at the first page so later changes show in the next delta.
            var version = cookie?.Version ?? ctx.Store.CurrentVersion;
            var rows = ctx.Store[table].Ordered();
            var start = cookie?.LastId is { } last ? FirstAfter(rows, last) : 0;
            var page = rows.Skip(start).Take(pageSize).ToList();
            var json = new JsonObject
            {
                ["@odata.context"] = $"{ctx.ApiBase}$metadata#{table.EntitySetName}{selectPart}",
                ["value"] = new JsonArray(page.Select(r => (JsonNode)serializer.Write(table, r, columns, [])).ToArray()),
            };
            if (start + page.Count < rows.Length)
                json["@odata.nextLink"] = CollectionQuery.NextLink(ctx, request, options, new PagingCookie((cookie?.PageNumber ?? 1) + 1, page[^1].Id, start + page.Count, version, true).Encode(table.PrimaryIdAttribute, page[0].Id));
            else
                json["@odata.deltaLink"] = DeltaLink(ctx, table, options, version);
            return Tracked(json);
        }

        var token = DeltaToken.TryParse(options.DeltaToken) ?? throw Errors.BadRequest("The delta token is not valid.");
        if (IsExpired(ctx, token, options.DeltaToken)) throw Errors.DeltaTokenExpired();

        var upTo = cookie?.Version ?? ctx.Store.CurrentVersion;
        var store = ctx.Store[table];
        // Created and updated rows first, ordered by version, then deletions (docs/dataverse-rules.md#d-change-tracking-order; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems).
        var changed = store.Ordered().Where(r => r.Version > token.Version && r.Version <= upTo).OrderBy(r => r.Version).ToList();
        var deleted = store.Deleted.Where(d => d.Version > token.Version && d.Version <= upTo && !store.Contains(d.Id))
            .GroupBy(d => d.Id).Select(g => g.Last()).OrderBy(d => d.Version).ToList();
        var offset = cookie?.Offset ?? 0;
        var items = new List<JsonNode>();
        foreach (var row in changed.Skip(offset).Take(pageSize)) items.Add(serializer.Write(table, row, columns, []));
        var remaining = pageSize - items.Count;
        foreach (var gone in deleted.Skip(Math.Max(0, offset - changed.Count)).Take(remaining))
        {
            // changetracking-accounts-delta-response-with-deleted.json: the GUID is in "id", not in the key column.
            items.Add(new JsonObject
            {
                ["@odata.context"] = $"{ctx.ApiBase}$metadata#{table.EntitySetName}/$deletedEntity",
                ["id"] = gone.Id.ToString("D"),
                ["reason"] = "deleted",
            });
        }
        var delta = new JsonObject { ["@odata.context"] = $"{ctx.ApiBase}$metadata#{table.EntitySetName}{selectPart}/$delta" };
        var total = changed.Count + deleted.Count;
        if (offset + items.Count < total)
        {
            delta["@odata.nextLink"] = CollectionQuery.NextLink(ctx, request, options, new PagingCookie((cookie?.PageNumber ?? 1) + 1, null, offset + items.Count, upTo, true).Encode(table.PrimaryIdAttribute, Guid.Empty));
        }
        else
        {
            delta["@odata.deltaLink"] = DeltaLink(ctx, table, options, upTo);
        }
        delta["value"] = new JsonArray(items.ToArray());
        return Tracked(delta);
    }

    /// <summary>
    /// A token expires when older than organization.expirechangetrackingindays (docs/dataverse-rules.md#d-change-tracking-expiry; MicrosoftDocs/powerapps-docs#3845),
    /// or when the control API expired every token issued so far.
    /// </summary>
    private static bool IsExpired(EmulatorContext ctx, DeltaToken token, string raw)
    {
        if (ctx.DeltaTokens.IsExpired(raw)) return true;
        var organizations = ctx.Store["organization"];
        var days = organizations.Ordered().FirstOrDefault()?[organizations.Definition.Find("expirechangetrackingindays")!] as int? ?? ctx.Options.ExpireChangeTrackingInDays;
        return ctx.Store.Now - token.IssuedAt > TimeSpan.FromDays(days);
    }

    /// <summary>The original URL's $select plus <c>$deltatoken=version!timestamp</c>, URL-encoded (changetracking-accounts-initial-response.json).</summary>
    private static string DeltaLink(EmulatorContext ctx, TableDefinition table, QueryOptions options, long version)
    {
        var token = new DeltaToken(version, ctx.Store.Now).ToString();
        ctx.DeltaTokens.Issued(token);
        var select = options.Select is null ? "" : "$select=" + string.Join(",", options.Select) + "&";
        return $"{ctx.ApiBase}{table.EntitySetName}?{select}$deltatoken={Uri.EscapeDataString(token)}";
    }

    private static ApiResponse Tracked(JsonObject json) =>
        ApiResponse.Ok(json).With("Preference-Applied", "odata.track-changes");

    private static int FirstAfter(Row[] rows, Guid last)
    {
        int lo = 0, hi = rows.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (rows[mid].Id.CompareTo(last) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
