using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// The unbound actions <c>AddSolutionComponent</c> and <c>RemoveSolutionComponent</c> (docs/dataverse-rules.md#d-solution-components;
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/addsolutioncomponent): a component (a form is type 60,
/// a view 26) is recorded once in the named unmanaged solution; removing it takes only the record, never the component.
/// </summary>
internal static class SolutionComponents
{
    public static ApiResponse Handle(EmulatorContext ctx, string action, ApiRequest request)
    {
        var body = PayloadReader.ParseObject(request.Body);
        var componentId = body["ComponentId"]?.GetValue<string>() is { } text && Guid.TryParse(text, out var id) ? id : throw Errors.BadRequest("ComponentId is required.");
        var type = body["ComponentType"]?.GetValue<int>() ?? throw Errors.BadRequest("ComponentType is required.");
        var solutionName = body["SolutionUniqueName"]?.GetValue<string>() ?? throw Errors.BadRequest("SolutionUniqueName is required.");
        var solutions = ctx.Store["solution"];
        var solution = solutions.Ordered().FirstOrDefault(s => string.Equals(s[solutions.Definition.Find("uniquename")!] as string, solutionName, StringComparison.OrdinalIgnoreCase))
            ?? throw new DataverseException(404, "0x8004a101", $"The solution with unique name '{solutionName}' does not exist."); // [unverified wording]
        var components = ctx.Store["solutioncomponent"];
        var table = components.Definition;
        var existing = components.Ordered().FirstOrDefault(r => r[table.Find("solutionid")!] is EntityRef s && s.Id == solution.Id
            && r[table.Find("objectid")!] as string == componentId.ToString("D") && r[table.Find("componenttype")!] is int t && t == type);
        using var unit = ctx.Store.Begin();
        Guid recordId;
        if (action == "AddSolutionComponent")
        {
            recordId = existing?.Id ?? ctx.Records.Create(table, Payload(table, solution.Id, componentId, type)).Id;
        }
        else
        {
            recordId = existing?.Id ?? Guid.Empty;
            if (existing is not null) ctx.Records.Delete(table, existing);
        }
        unit.Commit();
        return ApiResponse.Ok(new JsonObject
        {
            ["@odata.context"] = $"{ctx.ApiBase}$metadata#Microsoft.Dynamics.CRM.{action}Response",
            ["id"] = recordId.ToString("D"),
        });
    }

    private static WritePayload Payload(TableDefinition table, Guid solution, Guid component, int type)
    {
        var payload = new WritePayload();
        payload.Set(table.Find("solutionid")!, new EntityRef("solution", solution));
        payload.Set(table.Find("objectid")!, component.ToString("D"));
        payload.Set(table.Find("componenttype")!, ColumnValues.BoxInt(type));
        return payload;
    }
}
