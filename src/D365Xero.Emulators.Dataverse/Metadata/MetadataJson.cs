using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>EntityMetadata and AttributeMetadata as the metadata Web API writes them (docs/dataverse-rules.md#d-column-create; learn.microsoft.com/power-apps/developer/data-platform/webapi/create-update-column-definitions-using-web-api).</summary>
internal static class MetadataJson
{
    public static JsonObject Entity(TableDefinition t) => new()
    {
        ["MetadataId"] = t.MetadataId.ToString("D"),
        ["LogicalName"] = t.LogicalName,
        ["SchemaName"] = t.SchemaName.Length > 0 ? t.SchemaName : SchemaName(t.LogicalName),
        ["EntitySetName"] = t.EntitySetName,
        ["LogicalCollectionName"] = t.EntitySetName,
        ["DisplayName"] = Label(t.DisplayName),
        ["DisplayCollectionName"] = Label(t.DisplayCollectionName),
        ["OwnershipType"] = t.OwnershipType,
        ["HasNotes"] = t.HasNotes,
        ["HasActivities"] = t.HasActivities,
        ["IsActivity"] = t.IsActivity,
        ["ObjectTypeCode"] = t.ObjectTypeCode,
        ["PrimaryIdAttribute"] = t.PrimaryIdAttribute,
        ["PrimaryNameAttribute"] = t.PrimaryNameAttribute,
        ["ChangeTrackingEnabled"] = t.ChangeTrackingEnabled,
        ["CanChangeTrackingBeEnabled"] = new JsonObject { ["Value"] = true, ["CanBeChanged"] = true, ["ManagedPropertyLogicalName"] = "canchangetrackingbeenabled" },
        ["IsCustomEntity"] = t.IsCustomEntity,
    };

    /// <summary>A Label complex type with one English label (empty when the table has no display name).</summary>
    public static JsonObject Label(string text)
    {
        if (text.Length == 0) return new JsonObject { ["LocalizedLabels"] = new JsonArray(), ["UserLocalizedLabel"] = null };
        var label = new JsonObject { ["Label"] = text, ["LanguageCode"] = 1033 };
        return new JsonObject { ["LocalizedLabels"] = new JsonArray(label), ["UserLocalizedLabel"] = label.DeepClone() };
    }

    public static JsonObject Attribute(TableDefinition t, ColumnDefinition c)
    {
        var json = new JsonObject
        {
            ["@odata.type"] = "#Microsoft.Dynamics.CRM." + TypeName(c) + "AttributeMetadata",
            ["MetadataId"] = c.MetadataId.ToString("D"),
            ["LogicalName"] = c.LogicalName,
            ["SchemaName"] = c.SchemaName.Length > 0 ? c.SchemaName : SchemaName(c.LogicalName),
            ["EntityLogicalName"] = t.LogicalName,
            ["AttributeType"] = c.Type.ToString(),
            ["AttributeTypeName"] = new JsonObject { ["Value"] = c.Type + "Type" },
            ["IsCustomAttribute"] = c.IsCustom,
            ["IsValidForRead"] = c.IsReadable,
            ["IsValidForCreate"] = !c.IsReadOnly,
            ["IsValidForUpdate"] = !c.IsReadOnly && !c.IsCreateOnly,
        };
        if (c.MaxLength > 0) json["MaxLength"] = c.MaxLength;
        if (c.DateFormat is not null) json["Format"] = c.DateFormat;
        if (c.DateBehavior is not null) json["DateTimeBehavior"] = new JsonObject { ["Value"] = c.DateBehavior };
        if (c.IsLookup) json["Targets"] = new JsonArray(c.Targets.Select(x => (JsonNode)JsonValue.Create(x.Table)).ToArray());
        return json;
    }

    private static string TypeName(ColumnDefinition c) => c.Type switch
    {
        ColumnType.Customer => "Lookup",
        ColumnType.Uniqueidentifier => "",
        _ => c.Type.ToString(),
    };

    private static string SchemaName(string logicalName) =>
        logicalName.Length == 0 ? logicalName : char.ToUpperInvariant(logicalName[0]) + logicalName[1..];
}
