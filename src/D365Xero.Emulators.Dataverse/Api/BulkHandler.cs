using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// <c>POST {set}/Microsoft.Dynamics.CRM.UpdateMultiple</c> (and CreateMultiple / UpsertMultiple) with
/// <c>{"Targets":[…]}</c> (docs/dataverse-rules.md#d-bulk-update-multiple; learn.microsoft.com/power-apps/developer/data-platform/bulk-operations). All targets commit or none do: the first bad target fails the request
/// with its own error.
/// </summary>
internal sealed class BulkHandler(EmulatorContext ctx)
{
    public ApiResponse Handle(TableDefinition table, string message, ApiRequest request)
    {
        if (message is not ("UpdateMultiple" or "CreateMultiple" or "UpsertMultiple")) throw Errors.UnknownSegment("Microsoft.Dynamics.CRM." + message);
        var body = PayloadReader.ParseObject(request.Body);
        if (body["Targets"] is not JsonArray targets) throw Errors.BadRequest("The parameter 'Targets' is required.");
        var store = ctx.Store;
        var ids = new JsonArray();
        using var unit = store.Begin();
        foreach (var node in targets)
        {
            if (node is not JsonObject target) throw Errors.BadRequest("Each target must be an entity.");
            if (target["@odata.type"]?.GetValue<string>() is { } type && type != table.TypeName)
                throw Errors.BadRequest($"The entity type '{type}' does not match the entity set '{table.EntitySetName}'.");
            var payload = PayloadReader.Read(store, table, target);
            var existing = payload.Id is { } id ? store[table].Get(id) : null;
            Row row;
            switch (message)
            {
                case "UpdateMultiple":
                    if (payload.Id is null) throw Errors.BadRequest($"The primary key '{table.PrimaryIdAttribute}' is required for UpdateMultiple.");
                    row = ctx.Records.Update(table, existing ?? throw Errors.NotFound(table, payload.Id.Value), payload);
                    break;
                case "CreateMultiple":
                    row = ctx.Records.Create(table, payload);
                    break;
                default:
                    row = existing is null ? ctx.Records.Create(table, payload) : ctx.Records.Update(table, existing, payload);
                    break;
            }
            ids.Add(row.Id.ToString("D"));
        }
        unit.Commit();
        if (message == "UpdateMultiple") return ApiResponse.NoContent();
        return ApiResponse.Ok(new JsonObject
        {
            ["@odata.context"] = $"{ctx.ApiBase}$metadata#Microsoft.Dynamics.CRM.{message}Response",
            ["Ids"] = ids,
        });
    }
}
