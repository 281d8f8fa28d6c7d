using System.Text.Json.Nodes;

namespace D365Xero.Source.Dataverse;

/// <summary>
/// Bodies for <c>POST EntityDefinitions(LogicalName='…')/Attributes</c>, shaped as in
/// docs/dataverse-rules.md#d-column-create; learn.microsoft.com/power-apps/developer/data-platform/webapi/create-update-column-definitions-using-web-api.
/// </summary>
internal static class AttributeMetadataBody
{
    private const int English = 1033;

    public static JsonObject String(string schemaName, string displayName, string description, int maxLength, StringColumnFormat format) =>
        Base("StringAttributeMetadata", "String", "StringType", schemaName, displayName, description,
            new() { ["MaxLength"] = maxLength, ["FormatName"] = new JsonObject { ["Value"] = format.ToString() } });

    public static JsonObject Memo(string schemaName, string displayName, string description, int maxLength) =>
        Base("MemoAttributeMetadata", "Memo", "MemoType", schemaName, displayName, description,
            new() { ["Format"] = "TextArea", ["MaxLength"] = maxLength });

    /// <summary>Date and time, stored in UTC and shown in the user's zone (behaviour UserLocal, the default).</summary>
    public static JsonObject DateTime(string schemaName, string displayName, string description) =>
        Base("DateTimeAttributeMetadata", "DateTime", "DateTimeType", schemaName, displayName, description,
            new() { ["Format"] = "DateAndTime" });

    /// <summary>A decimal number with <paramref name="precision"/> places (an amount read back from Xero), between ±100,000,000,000 (Dataverse's limit for decimals).</summary>
    public static JsonObject Decimal(string schemaName, string displayName, string description, int precision) =>
        Base("DecimalAttributeMetadata", "Decimal", "DecimalType", schemaName, displayName, description,
            new() { ["Precision"] = precision, ["MinValue"] = -100000000000m, ["MaxValue"] = 100000000000m });

    public static JsonObject Picklist(string schemaName, string displayName, string description, IEnumerable<PicklistOption> options) =>
        Base("PicklistAttributeMetadata", "Picklist", "PicklistType", schemaName, displayName, description,
            new()
            {
                ["OptionSet"] = new JsonObject
                {
                    ["@odata.type"] = "Microsoft.Dynamics.CRM.OptionSetMetadata",
                    ["IsGlobal"] = false,
                    ["OptionSetType"] = "Picklist",
                    ["Options"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject
                    {
                        ["Value"] = o.Value,
                        ["Label"] = Label(o.Label),
                    }).ToArray()),
                },
            });

    /// <summary>Any AttributeMetadata body: its type, schema name, labels and what the type adds (<paramref name="extra"/>).</summary>
    internal static JsonObject Base(string metadataType, string attributeType, string typeName,
        string schemaName, string displayName, string description, Dictionary<string, JsonNode?> extra)
    {
        var body = new JsonObject
        {
            ["@odata.type"] = $"Microsoft.Dynamics.CRM.{metadataType}",
            ["AttributeType"] = attributeType,
            ["AttributeTypeName"] = new JsonObject { ["Value"] = typeName },
            ["SchemaName"] = schemaName,
            ["RequiredLevel"] = new JsonObject
            {
                ["Value"] = "None",
                ["CanBeChanged"] = true,
                ["ManagedPropertyLogicalName"] = "canmodifyrequirementlevelsettings",
            },
            ["DisplayName"] = Label(displayName),
            ["Description"] = Label(description),
        };
        foreach (var (name, value) in extra) body[name] = value;
        return body;
    }

    /// <summary>A Label in English (1033), as metadata bodies carry display names and descriptions.</summary>
    internal static JsonObject Label(string text) => new()
    {
        ["@odata.type"] = "Microsoft.Dynamics.CRM.Label",
        ["LocalizedLabels"] = new JsonArray(new JsonObject
        {
            ["@odata.type"] = "Microsoft.Dynamics.CRM.LocalizedLabel",
            ["Label"] = text,
            ["LanguageCode"] = English,
        }),
    };
}
