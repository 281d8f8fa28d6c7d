using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Single-record operations of the Web API (docs/dataverse-rules.md#d-update-patch; learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api; docs/dataverse-rules.md#d-delete; docs/dataverse-rules.md#d-upsert; learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api; docs/dataverse-rules.md#d-etag-concurrency):
/// POST, GET, PATCH (upsert), DELETE, single-property PUT/DELETE, and lookup <c>$ref</c>. Runs under the gate.
/// </summary>
internal sealed class EntityHandler(EmulatorContext ctx)
{
    private DataverseStore Store => ctx.Store;

    public ApiResponse Create(TableDefinition table, ApiRequest request)
    {
        var payload = PayloadReader.Read(Store, table, PayloadReader.ParseObject(request.Body));
        using var unit = Store.Begin();
        var row = ctx.Records.Create(table, payload);
        unit.Commit();
        // POST returns 204 with OData-EntityId, or 201 and the record with return=representation (docs/dataverse-rules.md#d-create-response; learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api).
        return Written(table, row, request, created: true);
    }

    public ApiResponse Get(TableDefinition table, Guid id, ApiRequest request)
    {
        var row = Store[table].Get(id) ?? throw Errors.NotFound(table, id);
        var options = QueryOptions.Parse(request.Query);
        var prefer = PreferHeader.Parse(request.Header("Prefer"));
        var columns = QueryBinder.Select(table, options.Select);
        var expand = QueryBinder.Expand(Store, table, options.Expand);
        // If-None-Match: <etag> gives 304 unless $expand or annotations are asked for (docs/dataverse-rules.md#d-etag-concurrency; learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api).
        if (request.Header("If-None-Match") is { } etag && etag == row.ETag && expand.Count == 0 && !prefer.Annotations.Any)
            return new ApiResponse { Status = 304 };
        var json = new JsonObject { ["@odata.context"] = $"{ctx.ApiBase}$metadata#{table.EntitySetName}{QueryBinder.ContextSelect(options.Select, options.Expand)}/$entity" };
        foreach (var (key, value) in new RowSerializer(Store, prefer.Annotations).Write(table, row, columns, expand).ToList())
            json[key] = value?.DeepClone();
        return CollectionQuery.Applied(ApiResponse.Ok(json), prefer);
    }

    /// <summary>PATCH is an upsert; If-Match: * prevents the create and If-None-Match: * prevents the update.</summary>
    public ApiResponse Patch(TableDefinition table, Guid id, ApiRequest request)
    {
        var existing = Store[table].Get(id);
        var ifMatch = request.Header("If-Match");
        var ifNoneMatch = request.Header("If-None-Match");
        if (existing is null && ifMatch is not null) throw Errors.NotFound(table, id); // error-404-patch-if-match-star-not-found.json
        if (existing is not null && ifNoneMatch == "*") throw Errors.AlreadyExists(); // error-412-upsert-if-none-match-exists.json
        if (existing is not null && ifMatch is not null && ifMatch != "*" && ifMatch != existing.ETag) throw Errors.EtagMismatch(); // error-412-etag-mismatch.json
        var payload = PayloadReader.Read(Store, table, PayloadReader.ParseObject(request.Body));
        payload.Id = id;
        using var unit = Store.Begin();
        var row = existing is null ? ctx.Records.Create(table, payload) : ctx.Records.Update(table, existing, payload);
        unit.Commit();
        return Written(table, row, request, created: false);
    }

    public ApiResponse Delete(TableDefinition table, Guid id, ApiRequest request)
    {
        var row = Store[table].Get(id) ?? throw Errors.NotFound(table, id);
        if (request.Header("If-Match") is { } ifMatch && ifMatch != "*" && ifMatch != row.ETag) throw Errors.EtagMismatch();
        using var unit = Store.Begin();
        ctx.Records.Delete(table, row);
        unit.Commit();
        return ApiResponse.NoContent();
    }

    /// <summary><c>DELETE …/{nav}/$ref</c> clears a lookup; <c>PUT …/{nav}/$ref</c> with @odata.id sets it.</summary>
    public ApiResponse Reference(TableDefinition table, Guid id, string navigation, ApiRequest request)
    {
        var row = Store[table].Get(id) ?? throw Errors.NotFound(table, id);
        var nav = table.FindNavigation(navigation) ?? throw Errors.UnknownSegment(navigation);
        var payload = new WritePayload();
        if (request.Method == "DELETE")
        {
            payload.Set(nav.Column, null);
        }
        else if (request.Method == "PUT")
        {
            var body = PayloadReader.ParseObject(request.Body);
            var target = body["@odata.id"]?.GetValue<string>() is { } text ? PayloadReader.ParseReference(Store, text) : null;
            if (target is not { } reference || reference.Table != nav.Target.Table) throw Errors.BadRequest("The @odata.id value is not a valid entity reference.");
            if (!Store[reference.Table].Contains(reference.Id)) throw Errors.NotFound(Store.Schema[reference.Table], reference.Id);
            payload.Set(nav.Column, reference);
        }
        else
        {
            throw Errors.MethodNotAllowed();
        }
        using var unit = Store.Begin();
        ctx.Records.Update(table, row, payload);
        unit.Commit();
        return ApiResponse.NoContent();
    }

    /// <summary>GET/PUT/DELETE of one column: <c>PUT accounts(id)/name {"value":…}</c> (docs/dataverse-rules.md#d-single-property; learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api).</summary>
    public ApiResponse Property(TableDefinition table, Guid id, string name, ApiRequest request)
    {
        var row = Store[table].Get(id) ?? throw Errors.NotFound(table, id);
        var column = table.FindByReadName(name) ?? throw Errors.UnknownSegment(name);
        if (request.Method == "GET")
        {
            return ApiResponse.Ok(new JsonObject
            {
                ["@odata.context"] = $"{ctx.ApiBase}$metadata#{table.EntitySetName}({id})/{name}",
                ["value"] = ColumnValues.ToJson(row[column]),
            });
        }
        if (column.IsLookup || column.IsReadOnly) throw Errors.MethodNotAllowed();
        var payload = new WritePayload();
        payload.Set(column, request.Method switch
        {
            "PUT" => ColumnValues.FromJson(table, column, PayloadReader.ParseObject(request.Body)["value"]),
            "DELETE" => null,
            _ => throw Errors.MethodNotAllowed(),
        });
        using var unit = Store.Begin();
        ctx.Records.Update(table, row, payload);
        unit.Commit();
        return ApiResponse.NoContent();
    }

    private ApiResponse Written(TableDefinition table, Row row, ApiRequest request, bool created)
    {
        var prefer = PreferHeader.Parse(request.Header("Prefer"));
        var entityId = $"{ctx.ApiBase}{table.EntitySetName}({row.Id})";
        if (!prefer.ReturnRepresentation)
            return ApiResponse.NoContent().With("OData-EntityId", entityId).With("ETag", row.ETag);
        var options = QueryOptions.Parse(request.Query);
        var json = new JsonObject { ["@odata.context"] = $"{ctx.ApiBase}$metadata#{table.EntitySetName}/$entity" };
        var body = new RowSerializer(Store, prefer.Annotations).Write(table, row, QueryBinder.Select(table, options.Select), QueryBinder.Expand(Store, table, options.Expand));
        foreach (var (key, value) in body.ToList()) json[key] = value?.DeepClone();
        var response = ApiResponse.Ok(json, created ? 201 : 200).With("OData-EntityId", entityId).With("ETag", row.ETag);
        response.Headers["Preference-Applied"] = "return=representation";
        return response;
    }
}
