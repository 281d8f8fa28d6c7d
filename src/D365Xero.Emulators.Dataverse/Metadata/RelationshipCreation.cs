using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// <c>POST RelationshipDefinitions</c> with a OneToManyRelationshipMetadata body and its <c>Lookup</c> (docs/dataverse-rules.md#d-relationship-create;
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/create-update-entity-relationships-using-web-api): the lookup column is added to
/// the referencing table (bound through <c>ReferencingEntityNavigationPropertyName</c>, by default the lookup's SchemaName), the referenced table
/// gets the collection navigation (<c>ReferencedEntityNavigationPropertyName</c>, by default the relationship's SchemaName), and
/// <c>CascadeConfiguration.Delete</c> decides what deleting the referenced row does. <c>GET RelationshipDefinitions(SchemaName='x')</c> reads it back.
/// </summary>
internal sealed partial class RelationshipCreation(EmulatorContext ctx)
{
    private SchemaCatalog Schema => ctx.Store.Schema;

    public ApiResponse Handle(ResourcePath path, ApiRequest request)
    {
        var segment = path.Segments[0];
        if (segment.Key is null)
        {
            return request.Method switch
            {
                "POST" when path.Segments.Count == 1 => Create(request),
                "GET" when path.Segments.Count == 1 => ApiResponse.Ok(new JsonObject
                {
                    ["@odata.context"] = $"{ctx.ApiBase}$metadata#RelationshipDefinitions",
                    ["value"] = new JsonArray(Schema.Relationships.Values.Select(r => (JsonNode)r.DeepClone()).ToArray()),
                }),
                _ => throw Errors.MethodNotAllowed(),
            };
        }
        if (request.Method != "GET" || path.Segments.Count != 1) throw Errors.MethodNotAllowed();
        var key = SchemaNameKey().Match(segment.Key) is { Success: true } m ? m.Groups[1].Value : segment.Key;
        var found = Guid.TryParse(key, out var id)
            ? Schema.Relationships.Values.FirstOrDefault(r => r["MetadataId"]?.GetValue<string>() == id.ToString("D"))
            : Schema.Relationships.GetValueOrDefault(key);
        // [unverified wording] the metadata service's answer for an unknown relationship.
        if (found is null) throw new DataverseException(404, "0x80040217", $"Could not find relationship with name '{key}'.");
        var json = (JsonObject)found.DeepClone();
        json.Insert(0, "@odata.context", $"{ctx.ApiBase}$metadata#RelationshipDefinitions/Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata/$entity");
        return ApiResponse.Ok(json);
    }

    private ApiResponse Create(ApiRequest request)
    {
        var body = PayloadReader.ParseObject(request.Body);
        var type = body["@odata.type"]?.GetValue<string>()?.TrimStart('#').Replace("Microsoft.Dynamics.CRM.", "");
        if (type != "OneToManyRelationshipMetadata") throw Errors.BadRequest($"The relationship type '{type}' is not supported by the emulator.");
        var schemaName = Text(body, "SchemaName");
        var solution = request.Header("MSCRM.SolutionUniqueName");
        SolutionScope.RequirePrefix(ctx, solution, schemaName, "Relationship");
        if (Schema.Relationships.ContainsKey(schemaName))
            // [unverified wording]
            throw Errors.BadRequest($"A relationship with the specified name {schemaName} already exists.", "0x80047013");
        var referenced = Table(Text(body, "ReferencedEntity"));
        var referencing = Table(Text(body, "ReferencingEntity"));
        var lookup = body["Lookup"] as JsonObject ?? throw Errors.BadRequest("Lookup is required.");
        var lookupSchema = Text(lookup, "SchemaName");
        SolutionScope.RequirePrefix(ctx, solution, lookupSchema, "Attribute");
        var lookupName = lookupSchema.ToLowerInvariant();
        if (referencing.FindAny(lookupName) is not null)
            throw Errors.BadRequest($"An attribute with the specified name {lookupName} already exists for entity {referencing.LogicalName}.", "0x80047013"); // [unverified wording]
        var onDelete = (body["CascadeConfiguration"]?["Delete"]?.GetValue<string>() ?? "RemoveLink") switch
        {
            "Cascade" => CascadeDelete.Cascade,
            "RemoveLink" => CascadeDelete.RemoveLink,
            "Restrict" => CascadeDelete.Restrict,
            var other => throw Errors.BadRequest($"The cascade Delete value '{other}' is not valid: use Cascade, RemoveLink or Restrict."),
        };
        // Rule: the lookup is bound by its SchemaName, case-sensitive, unless the body names the navigation property (docs/dataverse-rules.md#d-relationship-create).
        var navigation = body["ReferencingEntityNavigationPropertyName"]?.GetValue<string>() ?? lookupSchema;
        var collection = body["ReferencedEntityNavigationPropertyName"]?.GetValue<string>() ?? schemaName;
        var column = referencing.Add(new ColumnDefinition
        {
            LogicalName = lookupName, SchemaName = lookupSchema, Type = ColumnType.Lookup, Targets = [new LookupTarget(referenced.LogicalName, navigation)],
            IsCustom = true, IsPublished = false,
        });
        referenced.CollectionNavigations.Add(new CollectionNavigation(collection, referencing.LogicalName, lookupName, onDelete));
        var metadataId = Guid.NewGuid();
        Schema.Relationships[schemaName] = new JsonObject
        {
            ["@odata.type"] = "#Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata",
            ["MetadataId"] = metadataId.ToString("D"),
            ["SchemaName"] = schemaName,
            ["RelationshipType"] = "OneToManyRelationship",
            ["IsCustomRelationship"] = true,
            ["ReferencedAttribute"] = body["ReferencedAttribute"]?.GetValue<string>() ?? referenced.PrimaryIdAttribute,
            ["ReferencedEntity"] = referenced.LogicalName,
            ["ReferencingAttribute"] = lookupName,
            ["ReferencingEntity"] = referencing.LogicalName,
            ["ReferencedEntityNavigationPropertyName"] = collection,
            ["ReferencingEntityNavigationPropertyName"] = navigation,
            ["CascadeConfiguration"] = body["CascadeConfiguration"]?.DeepClone() ?? new JsonObject { ["Delete"] = onDelete.ToString() },
        };
        SolutionScope.Join(ctx, solution, metadataId, SolutionScope.Relationship);
        SolutionScope.Join(ctx, solution, column.MetadataId, SolutionScope.Attribute);
        return ApiResponse.NoContent().With("OData-EntityId", $"{ctx.ApiBase}RelationshipDefinitions({metadataId})");
    }

    private TableDefinition Table(string logicalName) =>
        Schema.ByLogicalName(logicalName) ?? throw new DataverseException(404, "0x80040217", $"Could not find entity with name '{logicalName}'."); // [unverified wording]

    private static string Text(JsonObject body, string name) =>
        body[name]?.GetValue<string>() is { Length: > 0 } text ? text : throw Errors.BadRequest($"{name} is required.");

    [GeneratedRegex("^SchemaName='([^']*)'$")]
    private static partial Regex SchemaNameKey();
}
