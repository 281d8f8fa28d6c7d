using System.Text.Json.Nodes;
using D365Xero.Source.Dataverse;

namespace D365Xero.WriteBack;

/// <summary>
/// The metadata bodies that create <see cref="PaymentTable"/>: the EntityMetadata with its primary name
/// (docs/dataverse-rules.md#d-table-create; learn.microsoft.com/power-apps/developer/data-platform/webapi/create-update-entity-definitions-using-web-api),
/// its columns (docs/dataverse-rules.md#d-column-create) and the OneToManyRelationshipMetadata with the lookup to salesorder
/// (docs/dataverse-rules.md#d-relationship-create; learn.microsoft.com/power-apps/developer/data-platform/webapi/create-update-entity-relationships-using-web-api).
/// </summary>
internal static class PaymentTableBodies
{

    /// <summary>Organisation-owned (no owner to assign), no notes or activities, not change-tracked.</summary>
    public static JsonObject Entity(PaymentTable t) => new()
    {
        ["@odata.type"] = "Microsoft.Dynamics.CRM.EntityMetadata",
        ["SchemaName"] = t.SchemaName,
        ["DisplayName"] = Label("Xero Payment"),
        ["DisplayCollectionName"] = Label("Xero Payments"),
        ["Description"] = Label("Payments Xero recorded against the invoice of a sales order; written by the d365-xero connector."),
        ["OwnershipType"] = "OrganizationOwned",
        ["IsActivity"] = false,
        ["HasActivities"] = false,
        ["HasNotes"] = false,
        ["ChangeTrackingEnabled"] = false,
        ["Attributes"] = new JsonArray(Attribute("StringAttributeMetadata", "String", "StringType", $"{t.Prefix}_Name", "Name",
            "Payment amount and date.", new() { ["IsPrimaryName"] = true, ["MaxLength"] = 100, ["FormatName"] = new JsonObject { ["Value"] = "Text" } })),
    };

    public static JsonObject Column(PaymentColumn c) => c.Type switch
    {
        PaymentColumnType.String => Attribute("StringAttributeMetadata", "String", "StringType", c.SchemaName, c.DisplayName, c.Description,
            new() { ["MaxLength"] = c.MaxLength, ["FormatName"] = new JsonObject { ["Value"] = "Text" } }),
        // Date only: no time zone shifts the day (learn.microsoft.com/power-apps/developer/data-platform/behavior-format-date-time-attribute).
        PaymentColumnType.DateOnly => Attribute("DateTimeAttributeMetadata", "DateTime", "DateTimeType", c.SchemaName, c.DisplayName, c.Description,
            new() { ["Format"] = "DateOnly", ["DateTimeBehavior"] = new JsonObject { ["Value"] = "DateOnly" } }),
        // Decimal's range is ±100,000,000,000 (learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/decimalattributemetadata).
        PaymentColumnType.Decimal => Attribute("DecimalAttributeMetadata", "Decimal", "DecimalType", c.SchemaName, c.DisplayName, c.Description,
            new() { ["Precision"] = c.MaxLength, ["MinValue"] = -100000000000m, ["MaxValue"] = 100000000000m }),
        _ => throw new InvalidOperationException($"Unknown column type {c.Type}."),
    };

    /// <summary>The lookup to salesorder; deleting the order deletes its payment rows.</summary>
    public static JsonObject Relationship(PaymentTable t) => new()
    {
        ["@odata.type"] = "Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata",
        ["SchemaName"] = t.Relationship,
        ["ReferencedEntity"] = "salesorder",
        ["ReferencedAttribute"] = "salesorderid",
        ["ReferencingEntity"] = t.LogicalName,
        ["ReferencedEntityNavigationPropertyName"] = t.Relationship,
        ["ReferencingEntityNavigationPropertyName"] = t.OrderLookup,
        ["CascadeConfiguration"] = new JsonObject
        {
            ["Assign"] = "NoCascade", ["Delete"] = "Cascade", ["Merge"] = "NoCascade", ["Reparent"] = "NoCascade", ["Share"] = "NoCascade", ["Unshare"] = "NoCascade",
        },
        ["Lookup"] = Attribute("LookupAttributeMetadata", "Lookup", "LookupType", t.OrderLookup, "Sales Order", "The order whose Xero invoice was paid.", []),
    };

    private static JsonObject Attribute(string metadataType, string attributeType, string typeName, string schemaName, string displayName,
        string description, Dictionary<string, JsonNode?> extra) =>
        AttributeMetadataBody.Base(metadataType, attributeType, typeName, schemaName, displayName, description, extra);

    private static JsonObject Label(string text) => AttributeMetadataBody.Label(text);
}
