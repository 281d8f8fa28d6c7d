using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// <c>POST EntityDefinitions</c> with an EntityMetadata body (docs/dataverse-rules.md#d-table-create;
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/create-update-entity-definitions-using-web-api): a custom table with its
/// primary key <c>{logicalname}id</c>, the primary name column from the <c>Attributes</c> entry with <c>IsPrimaryName</c>, state and
/// status (Active / Inactive), and the audit columns. Its entity set works at once like the built-in ones; it joins the solution named
/// in <c>MSCRM.SolutionUniqueName</c>.
/// </summary>
internal sealed class EntityCreation(EmulatorContext ctx)
{
    public ApiResponse Create(ApiRequest request)
    {
        var body = PayloadReader.ParseObject(request.Body);
        var schemaName = body["SchemaName"]?.GetValue<string>() ?? throw Errors.BadRequest("SchemaName is required.");
        var solution = request.Header("MSCRM.SolutionUniqueName");
        SolutionScope.RequirePrefix(ctx, solution, schemaName, "Entity");
        var logicalName = schemaName.ToLowerInvariant();
        if (ctx.Store.Schema.ByLogicalName(logicalName) is not null)
            // [unverified wording] Dataverse refuses a second table of the same name.
            throw Errors.BadRequest($"An entity with the specified name already exists. Entity name: {logicalName}.", "0x80044363");
        var attributes = body["Attributes"] as JsonArray ?? [];
        var primary = attributes.OfType<JsonObject>().FirstOrDefault(a => a["IsPrimaryName"]?.GetValue<bool>() == true)
            // Rule: the body must define the primary name attribute (docs/dataverse-rules.md#d-table-create).
            ?? throw Errors.BadRequest("The entity must have a primary name attribute: an Attributes entry of type StringAttributeMetadata with IsPrimaryName true.", "0x80044355"); // [unverified wording]
        var primarySchema = primary["SchemaName"]?.GetValue<string>() ?? throw Errors.BadRequest("The primary name attribute needs a SchemaName.");
        SolutionScope.RequirePrefix(ctx, solution, primarySchema, "Attribute");

        var entitySet = Plural(logicalName);
        var table = new TableDefinition(logicalName, entitySet, ctx.Store.Schema.NextCustomObjectTypeCode(), primarySchema.ToLowerInvariant())
        {
            IsCustomEntity = true,
            SchemaName = schemaName,
            DisplayName = Label(body["DisplayName"]),
            DisplayCollectionName = Label(body["DisplayCollectionName"]),
            OwnershipType = body["OwnershipType"]?.GetValue<string>() ?? "UserOwned",
            HasNotes = body["HasNotes"]?.GetValue<bool>() ?? false,
            HasActivities = body["HasActivities"]?.GetValue<bool>() ?? false,
            IsActivity = body["IsActivity"]?.GetValue<bool>() ?? false,
            ChangeTrackingEnabled = body["ChangeTrackingEnabled"]?.GetValue<bool>() ?? false,
        };
        var builder = new TableBuilder(table);
        builder.String(table.PrimaryNameAttribute, primary["MaxLength"]?.GetValue<int>() ?? 100);
        foreach (var other in attributes.OfType<JsonObject>().Where(a => !ReferenceEquals(a, primary)))
        {
            var name = other["SchemaName"]?.GetValue<string>() ?? throw Errors.BadRequest("Each attribute needs a SchemaName.");
            SolutionScope.RequirePrefix(ctx, solution, name, "Attribute");
            var column = MetadataHandler.Column(other, name, name.ToLowerInvariant());
            column.IsPublished = true; // created with the table
            table.Add(column);
        }
        builder.State((0, "Active"), (1, "Inactive")).Status((1, "Active"), (2, "Inactive")).Audit();
        ctx.Store.AddTable(table);
        // Rule: a table with HasNotes can have notes: annotation.objectid gains the navigation objectid_<table> (docs/dataverse-rules.md#d-annotation).
        if (table.HasNotes)
        {
            var notes = ctx.Store.Schema["annotation"];
            notes.AddTarget(notes.FindAny("objectid")!, new LookupTarget(table.LogicalName, $"objectid_{table.LogicalName}"));
            table.CollectionNavigations.Add(new CollectionNavigation($"{table.LogicalName}_Annotations", "annotation", "objectid", CascadeDelete.Cascade));
        }
        SolutionScope.Join(ctx, solution, table.MetadataId, SolutionScope.Entity);
        return ApiResponse.NoContent().With("OData-EntityId", $"{ctx.ApiBase}EntityDefinitions({table.MetadataId})");
    }

    /// <summary>
    /// <c>DELETE EntityDefinitions(LogicalName='x')</c> (docs/dataverse-rules.md#d-table-delete): a custom table goes with its rows, columns and
    /// relationships; a system table cannot be deleted, nor one a form of another table still shows in a subgrid.
    /// </summary>
    public ApiResponse Delete(TableDefinition table)
    {
        if (!table.IsCustomEntity)
            throw Errors.BadRequest($"The entity {table.LogicalName} is not a custom entity and cannot be deleted.", "0x80044153"); // [unverified wording]
        var forms = ctx.Store["systemform"];
        var users = forms.Ordered().Where(f => f[forms.Definition.Find("objecttypecode")!] as string != table.LogicalName
            && f[forms.Definition.Find("formxml")!] is string xml && xml.Contains($"<TargetEntityType>{table.LogicalName}</TargetEntityType>", StringComparison.Ordinal))
            .Select(f => $"systemform '{f[forms.Definition.Find("name")!]}'").ToList();
        if (users.Count > 0)
            // [unverified wording], as for a column (docs/dataverse-rules.md#d-column-delete).
            throw Errors.BadRequest($"The Entity({table.MetadataId}) component cannot be deleted because it is referenced by {users.Count} other components ({string.Join(", ", users)}). "
                + "For a list of referenced components, use the RetrieveDependenciesForDeleteRequest.", "0x8004f01f");
        var views = ctx.Store["savedquery"];
        using (var unit = ctx.Store.Begin())
        {
            // The table's own views go with it.
            foreach (var view in views.Ordered().Where(v => v[views.Definition.Find("returnedtypecode")!] as string == table.LogicalName).ToList())
                ctx.Records.Delete(views.Definition, view);
            unit.Commit();
        }
        ctx.Store.RemoveTable(table);
        return ApiResponse.NoContent();
    }

    /// <summary>
    /// The entity set name Dataverse derives from the logical name (EntitySetName = LogicalCollectionName): an English plural,
    /// e.g. xero_payment → xero_payments, new_bankaccount → new_bankaccounts.
    /// </summary>
    public static string Plural(string logicalName) => logicalName switch
    {
        _ when logicalName.EndsWith('y') && logicalName.Length > 1 && !"aeiou".Contains(logicalName[^2]) => logicalName[..^1] + "ies",
        _ when logicalName.EndsWith('s') || logicalName.EndsWith('x') || logicalName.EndsWith("ch", StringComparison.Ordinal) || logicalName.EndsWith("sh", StringComparison.Ordinal) => logicalName + "es",
        _ => logicalName + "s",
    };

    private static string Label(JsonNode? label) =>
        label?["LocalizedLabels"]?[0]?["Label"]?.GetValue<string>() ?? label?["UserLocalizedLabel"]?["Label"]?.GetValue<string>() ?? "";
}
