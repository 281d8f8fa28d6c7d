using System.Net;
using System.Text.Json.Nodes;

namespace D365Xero.Source.Dataverse;

public sealed partial class DataverseClient
{
    /// <summary>A main form's type (docs/dataverse-rules.md#d-systemforms-formxml; learn.microsoft.com/power-apps/developer/data-platform/reference/entities/systemform).</summary>
    public const int MainFormType = 2;

    /// <summary>Solution component types of a form and a view (docs/dataverse-rules.md#d-solution-components; learn.microsoft.com/power-apps/developer/data-platform/reference/entities/solutioncomponent).</summary>
    public const int FormComponent = 60, ViewComponent = 26;

    /// <summary>The main forms of <paramref name="table"/> with their FormXml.</summary>
    public async Task<IReadOnlyList<MainForm>> GetMainFormsAsync(string table, CancellationToken cancellationToken = default)
    {
        var rows = await GetRowsAsync("systemforms?$select=formid,name,isdefault,formxml&$filter="
            + Uri.EscapeDataString($"objecttypecode eq {ODataLiteral.Quote(RequireName(table, nameof(table)))} and type eq {MainFormType}"),
            DataverseOperation.Metadata, cancellationToken, StrongConsistency).ConfigureAwait(false);
        return rows.Select(r => new MainForm(ReadGuid(r, "formid"), r["name"]?.GetValue<string>() ?? "",
            r["isdefault"]?.GetValue<bool>() ?? false, r["formxml"]?.GetValue<string>() ?? "")).ToList();
    }

    /// <summary>Replaces a form's FormXml; it shows in the apps once its table is published (<see cref="PublishAsync"/>).</summary>
    public async Task UpdateFormXmlAsync(Guid formId, string formXml, CancellationToken cancellationToken = default)
    {
        if (!await PatchAsync("systemforms", formId, new JsonObject { ["formxml"] = formXml }, cancellationToken).ConfigureAwait(false))
            throw new Errors.RemoteApiException("Dataverse", Errors.ErrorKind.Transient, $"The form {formId} disappeared while it was being changed; run provision again.");
    }

    /// <summary>One view by id, or null when there is none (docs/dataverse-rules.md#d-savedqueries; learn.microsoft.com/power-apps/developer/data-platform/reference/entities/savedquery).</summary>
    public Task<JsonObject?> GetViewAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync("savedqueries", id, "savedqueryid,name,description,returnedtypecode,fetchxml,layoutxml,querytype", cancellationToken);

    /// <summary>Creates a view with the given id, inside <paramref name="solutionUniqueName"/>.</summary>
    public Task<Guid> CreateViewAsync(JsonObject view, string solutionUniqueName, CancellationToken cancellationToken = default) =>
        CreateAsync("savedqueries", view, DataverseOperation.Provision, cancellationToken, RequireName(solutionUniqueName, nameof(solutionUniqueName)));

    /// <summary>Deletes one row (a view, a webhook step or endpoint); false when it was already gone.</summary>
    public async Task<bool> DeleteRowAsync(string entitySet, Guid id, CancellationToken cancellationToken = default)
    {
        var request = new DataverseRequest(HttpMethod.Delete, Api($"{RequireName(entitySet, nameof(entitySet))}({ODataLiteral.Guid(id)})"), DataverseOperation.Provision)
        {
            Tolerated = NotFound,
        };
        using var response = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    /// <summary>Deletes a custom column (docs/dataverse-rules.md#d-column-delete; learn.microsoft.com/power-apps/developer/data-platform/webapi/create-update-column-definitions-using-web-api); false when it was already gone.</summary>
    public async Task<bool> DeleteColumnAsync(string table, string column, CancellationToken cancellationToken = default)
    {
        var request = new DataverseRequest(HttpMethod.Delete,
            Api($"{Definition(table)}/Attributes(LogicalName={ODataLiteral.Quote(RequireName(column, nameof(column)))})"), DataverseOperation.Provision)
        {
            Tolerated = NotFound,
        };
        using var response = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    /// <summary>The table's object type code (a view's layout names it).</summary>
    public async Task<int> GetObjectTypeCodeAsync(string table, CancellationToken cancellationToken = default)
    {
        var body = await GetJsonAsync(Api($"{Definition(table)}?$select=ObjectTypeCode"), DataverseOperation.Metadata, cancellationToken)
            ?? throw EmptyBody(DataverseOperation.Metadata);
        return body["ObjectTypeCode"]?.GetValue<int>() ?? 0;
    }

    /// <summary>Adds (or, with <paramref name="add"/> false, takes out) a component of our solution; the component itself stays
    /// (<c>AddSolutionComponent</c>, <c>RemoveSolutionComponent</c>: docs/dataverse-rules.md#d-solution-components).</summary>
    public async Task SolutionComponentAsync(bool add, Guid componentId, int componentType, string solutionUniqueName, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["ComponentId"] = componentId.ToString("D"), ["ComponentType"] = componentType, ["SolutionUniqueName"] = RequireName(solutionUniqueName, nameof(solutionUniqueName)),
        };
        if (add) body["AddRequiredComponents"] = false;
        var request = new DataverseRequest(HttpMethod.Post, Api(add ? "AddSolutionComponent" : "RemoveSolutionComponent"), DataverseOperation.Provision) { Body = body };
        using var _ = await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
