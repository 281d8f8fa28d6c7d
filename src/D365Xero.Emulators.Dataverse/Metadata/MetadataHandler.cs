using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// The metadata Web API the connector uses (docs/dataverse-rules.md#d-column-create; learn.microsoft.com/power-apps/developer/data-platform/webapi/create-update-column-definitions-using-web-api; docs/dataverse-rules.md#d-change-tracking-enabled; learn.microsoft.com/power-apps/developer/data-platform/use-change-tracking-synchronize-data-external-systems): EntityDefinitions with $select/$filter, their
/// Attributes, creating a custom column, and PublishXml / PublishAllXml. A new column is usable in the data API
/// only once its table is published.
/// </summary>
internal sealed partial class MetadataHandler(EmulatorContext ctx)
{
    private SchemaCatalog Schema => ctx.Store.Schema;

    public ApiResponse Handle(ResourcePath path, ApiRequest request)
    {
        var segments = path.Segments;
        var options = QueryOptions.Parse(request.Query);
        if (segments[0].Key is null)
        {
            if (segments.Count == 1 && request.Method == "POST") return new EntityCreation(ctx).Create(request);
            if (segments.Count != 1 || request.Method != "GET") throw Errors.MethodNotAllowed();
            var filter = options.Filter is null ? null : FilterParser.Parse(options.Filter);
            var items = Schema.Tables.Select(MetadataJson.Entity)
                .Where(e => filter is null || filter.Matches(p => Plain(e[p])))
                .Select(e => (JsonNode)Project(e, options.Select)).ToArray();
            return ApiResponse.Ok(new JsonObject
            {
                ["@odata.context"] = $"{ctx.ApiBase}$metadata#EntityDefinitions{Selected(options.Select)}",
                ["value"] = new JsonArray(items),
            });
        }
        var table = FindTable(segments[0].Key!);
        if (segments.Count == 1)
        {
            if (request.Method == "DELETE") return new EntityCreation(ctx).Delete(table);
            if (request.Method != "GET") throw Errors.MethodNotAllowed();
            var entity = Project(MetadataJson.Entity(table), options.Select);
            entity.Insert(0, "@odata.context", $"{ctx.ApiBase}$metadata#EntityDefinitions{Selected(options.Select)}/$entity");
            return ApiResponse.Ok(entity);
        }
        if (segments[1].Name != "Attributes") throw Errors.UnknownSegment(segments[1].Name);
        if (segments[1].Key is null)
        {
            return request.Method switch
            {
                "GET" => ApiResponse.Ok(new JsonObject
                {
                    ["@odata.context"] = $"{ctx.ApiBase}$metadata#EntityDefinitions('{table.LogicalName}')/Attributes{Selected(options.Select)}",
                    ["value"] = new JsonArray(table.Columns.Select(c => (JsonNode)Project(MetadataJson.Attribute(table, c), options.Select)).ToArray()),
                }),
                "POST" => CreateAttribute(table, request),
                _ => throw Errors.MethodNotAllowed(),
            };
        }
        var key = segments[1].Key!;
        var column = Guid.TryParse(key, out var metadataId)
            ? table.Columns.FirstOrDefault(c => c.MetadataId == metadataId)
            : table.FindAny(LogicalNameKey(key));
        if (column is null) throw new DataverseException(404, "0x80041102", $"Could not find attribute with name '{key}' on entity '{table.LogicalName}'."); // [unverified wording]
        if (request.Method == "DELETE") return AttributeRemoval.Delete(ctx, table, column);
        if (request.Method != "GET") throw Errors.MethodNotAllowed();
        var attribute = Project(MetadataJson.Attribute(table, column), options.Select);
        return ApiResponse.Ok(attribute);
    }

    /// <summary>PublishXml names entities in ParameterXml; PublishAllXml publishes every table (docs/dataverse-rules.md#d-publish-xml; learn.microsoft.com/dotnet/api/microsoft.crm.sdk.messages.publishxmlrequest).</summary>
    public ApiResponse Publish(string action, ApiRequest request)
    {
        IEnumerable<TableDefinition> tables = Schema.Tables;
        if (action == "PublishXml")
        {
            var xml = PayloadReader.ParseObject(request.Body)["ParameterXml"]?.GetValue<string>() ?? throw Errors.BadRequest("ParameterXml is required.");
            var names = EntityElement().Matches(xml).Select(m => m.Groups[1].Value.Trim()).ToHashSet();
            tables = tables.Where(t => names.Contains(t.LogicalName)).ToList();
        }
        foreach (var table in tables)
        {
            foreach (var column in table.Columns) column.IsPublished = true;
        }
        return ApiResponse.NoContent();
    }

    /// <summary>POST EntityDefinitions(LogicalName='x')/Attributes with a typed AttributeMetadata body (docs/dataverse-rules.md#d-column-create; learn.microsoft.com/power-apps/developer/data-platform/webapi/create-update-column-definitions-using-web-api).</summary>
    private ApiResponse CreateAttribute(TableDefinition table, ApiRequest request)
    {
        var body = PayloadReader.ParseObject(request.Body);
        var schemaName = body["SchemaName"]?.GetValue<string>() ?? throw Errors.BadRequest("SchemaName is required.");
        var logicalName = schemaName.ToLowerInvariant();
        var solution = request.Header("MSCRM.SolutionUniqueName");
        SolutionScope.RequirePrefix(ctx, solution, schemaName, "Attribute");
        if (table.FindAny(logicalName) is not null)
            throw Errors.BadRequest($"An attribute with the specified name {logicalName} already exists for entity {table.LogicalName}.", "0x80047013"); // [unverified wording]

        var column = Column(body, schemaName, logicalName);
        table.Add(column);
        SolutionScope.Join(ctx, solution, column.MetadataId, SolutionScope.Attribute);
        return ApiResponse.NoContent().With("OData-EntityId", $"{ctx.ApiBase}EntityDefinitions(LogicalName='{table.LogicalName}')/Attributes({column.MetadataId})");
    }

    /// <summary>A column from a typed AttributeMetadata body; unpublished until PublishXml names its table.</summary>
    internal static ColumnDefinition Column(JsonObject body, string schemaName, string logicalName)
    {
        var type = body["@odata.type"]?.GetValue<string>()?.TrimStart('#').Replace("Microsoft.Dynamics.CRM.", "") ?? "";
        return type switch
        {
            "StringAttributeMetadata" => new ColumnDefinition { LogicalName = logicalName, SchemaName = schemaName, Type = ColumnType.String, MaxLength = Int(body, "MaxLength") ?? 100, IsCustom = true, IsPublished = false },
            "MemoAttributeMetadata" => new ColumnDefinition { LogicalName = logicalName, SchemaName = schemaName, Type = ColumnType.Memo, MaxLength = Int(body, "MaxLength") ?? 2000, IsCustom = true, IsPublished = false },
            "IntegerAttributeMetadata" => new ColumnDefinition { LogicalName = logicalName, SchemaName = schemaName, Type = ColumnType.Integer, IsCustom = true, IsPublished = false },
            "DecimalAttributeMetadata" => new ColumnDefinition { LogicalName = logicalName, SchemaName = schemaName, Type = ColumnType.Decimal, IsCustom = true, IsPublished = false },
            "MoneyAttributeMetadata" => new ColumnDefinition { LogicalName = logicalName, SchemaName = schemaName, Type = ColumnType.Money, IsCustom = true, IsPublished = false },
            "BooleanAttributeMetadata" => new ColumnDefinition { LogicalName = logicalName, SchemaName = schemaName, Type = ColumnType.Boolean, IsCustom = true, IsPublished = false },
            "DateTimeAttributeMetadata" => new ColumnDefinition { LogicalName = logicalName, SchemaName = schemaName, Type = ColumnType.DateTime, DateFormat = body["Format"]?.GetValue<string>() ?? "DateAndTime", DateBehavior = body["DateTimeBehavior"]?["Value"]?.GetValue<string>(), IsCustom = true, IsPublished = false },
            "PicklistAttributeMetadata" => new ColumnDefinition { LogicalName = logicalName, SchemaName = schemaName, Type = ColumnType.Picklist, Options = Options(body), IsCustom = true, IsPublished = false },
            _ => throw Errors.BadRequest($"The attribute type '{type}' is not supported by the emulator."),
        };
    }

    private TableDefinition FindTable(string key)
    {
        var table = Guid.TryParse(key, out var id)
            ? Schema.Tables.FirstOrDefault(t => t.MetadataId == id)
            : Schema.ByLogicalName(LogicalNameKey(key));
        // [unverified wording] the metadata service's answer for an unknown entity.
        return table ?? throw new DataverseException(404, "0x80040217", $"Could not find entity with name '{LogicalNameKey(key)}'.");
    }

    private static string LogicalNameKey(string key)
    {
        var match = LogicalNamePattern().Match(key);
        return match.Success ? match.Groups[1].Value : key.Trim('\'');
    }

    private static JsonObject Project(JsonObject source, IReadOnlyList<string>? select)
    {
        if (select is null) return source;
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (key is "MetadataId" or "@odata.type" || select.Contains(key)) result[key] = value?.DeepClone();
        }
        return result;
    }

    private static object? Plain(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<int>(out var i) => (decimal)i,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => null,
    };

    private static string Selected(IReadOnlyList<string>? select) => select is null ? "" : "(" + string.Join(",", select) + ")";

    private static int? Int(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static Dictionary<int, string> Options(JsonObject body)
    {
        var options = new Dictionary<int, string>();
        if (body["OptionSet"]?["Options"] is not JsonArray array) return options;
        foreach (var option in array.OfType<JsonObject>())
        {
            var value = option["Value"]?.GetValue<int>() ?? options.Count + 1;
            var label = option["Label"]?["LocalizedLabels"]?[0]?["Label"]?.GetValue<string>() ?? value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            options[value] = label;
        }
        return options;
    }

    [GeneratedRegex("<entity>([^<]+)</entity>")]
    private static partial Regex EntityElement();

    [GeneratedRegex("^LogicalName='([^']*)'$")]
    private static partial Regex LogicalNamePattern();
}
