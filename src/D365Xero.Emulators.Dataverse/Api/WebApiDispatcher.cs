using System.Globalization;
using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Routes a Web API request to its handler under the store gate and turns a <see cref="DataverseException"/>
/// into Dataverse's error body. Used for top-level requests and for each $batch part.
/// </summary>
internal sealed class WebApiDispatcher(EmulatorContext ctx)
{
    private readonly EntityHandler _entities = new(ctx);
    private readonly MetadataHandler _metadata = new(ctx);
    private readonly BulkHandler _bulk = new(ctx);

    public ApiResponse Dispatch(ApiRequest request)
    {
        try
        {
            lock (ctx.Store.Gate) return Route(request);
        }
        catch (DataverseException e)
        {
            return ApiResponse.Error(e);
        }
    }

    private ApiResponse Route(ApiRequest request)
    {
        var path = ResourcePath.Parse(request.Path);
        if (path.Segments.Count == 0) throw Errors.UnknownSegment("");
        var first = path.Segments[0];
        switch (first.Name)
        {
            case "$batch":
                if (request.Method != "POST") throw Errors.MethodNotAllowed();
                return new BatchHandler(ctx, this).Handle(request);
            case "WhoAmI":
                return WhoAmI();
            case "PublishXml" or "PublishAllXml" when request.Method == "POST":
                return _metadata.Publish(first.Name, request);
            case "AddSolutionComponent" or "RemoveSolutionComponent" when request.Method == "POST":
                return SolutionComponents.Handle(ctx, first.Name, request);
            case "EntityDefinitions":
                return _metadata.Handle(path, request);
            case "RelationshipDefinitions":
                return new RelationshipCreation(ctx).Handle(path, request);
            case "FulfillSalesOrder" when request.Method == "POST":
                return FulfillSalesOrder.Handle(ctx, request);
        }

        var table = ctx.Store.Schema.BySet(first.Name) ?? throw Errors.UnknownSegment(first.Name);
        if (first.Key is null)
        {
            if (path.Segments.Count == 1)
            {
                return request.Method switch
                {
                    "GET" => CollectionQuery.Run(ctx, table, request),
                    "POST" => _entities.Create(table, request),
                    _ => throw Errors.MethodNotAllowed(),
                };
            }
            var action = path.Segments[1].Name;
            if (action == "$count") return Count(table, request);
            if (action.StartsWith("Microsoft.Dynamics.CRM.", StringComparison.Ordinal) && request.Method == "POST")
                return _bulk.Handle(table, action["Microsoft.Dynamics.CRM.".Length..], request);
            throw Errors.UnknownSegment(action);
        }

        var id = first.Id ?? throw Errors.BadRequest($"The key value '{first.Key}' is not a valid GUID.");
        if (path.Segments.Count == 1)
        {
            return request.Method switch
            {
                "GET" => _entities.Get(table, id, request),
                "PATCH" => _entities.Patch(table, id, request),
                "DELETE" => _entities.Delete(table, id, request),
                _ => throw Errors.MethodNotAllowed(),
            };
        }
        var second = path.Segments[1].Name;
        if (path.Segments.Count == 3 && path.Segments[2].Name == "$ref") return _entities.Reference(table, id, second, request);
        if (path.Segments.Count == 2 && table.FindCollection(second) is { } collection)
        {
            if (!ctx.Store[table].Contains(id)) throw Errors.NotFound(table, id);
            var child = ctx.Store.Schema[collection.ChildTable];
            var lookup = child.Find(collection.ChildLookup)!;
            return CollectionQuery.Run(ctx, child, request, row => row[lookup] is EntityRef r && r.Id == id);
        }
        if (path.Segments.Count == 2) return _entities.Property(table, id, second, request);
        throw Errors.UnknownSegment(path.Segments[^1].Name);
    }

    /// <summary><c>GET accounts/$count</c> answers the number as plain text (capped at 5,000 like the real service).</summary>
    private ApiResponse Count(TableDefinition table, ApiRequest request)
    {
        var options = QueryOptions.Parse(request.Query);
        var filter = QueryBinder.Filter(ctx.Store, table, options.Filter);
        var count = Math.Min(CollectionQuery.Matching(ctx, table, filter, null).Count, PreferHeader.MaxPageSize);
        return new ApiResponse { Status = 200, Body = count.ToString(CultureInfo.InvariantCulture), ContentType = "text/plain" };
    }

    /// <summary>The WhoAmI function's response.</summary>
    private ApiResponse WhoAmI() => ApiResponse.Ok(new JsonObject
    {
        ["@odata.context"] = $"{ctx.ApiBase}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse",
        ["BusinessUnitId"] = ctx.BusinessUnitId.ToString("D"),
        ["UserId"] = ctx.UserId.ToString("D"),
        ["OrganizationId"] = ctx.OrganizationId.ToString("D"),
    });
}
