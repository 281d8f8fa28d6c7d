using System.Text.Json.Nodes;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Values in the DataContractJsonSerializer shapes of a RemoteExecutionContext (webhook-contact-update-async.json,
/// webhook-customtable-create-async-money-optionset.json): typed values carry <c>__type</c>, dates are
/// <c>\/Date(ms)\/</c>, and collections are <c>{"key","value"}</c> arrays.
/// </summary>
internal static class WcfJson
{
    private const string Contracts = ":http://schemas.microsoft.com/xrm/2011/Contracts";

    public static JsonNode? Value(ColumnDefinition column, object? value) => value switch
    {
        null => null,
        EntityRef r => Reference(r.Table, r.Id),
        DateTimeOffset t => JsonValue.Create($"/Date({t.ToUnixTimeMilliseconds()})/"),
        decimal d when column.Type == ColumnType.Money => new JsonObject { ["__type"] = "Money" + Contracts, ["Value"] = d },
        int i when column.IsOptionSet => new JsonObject { ["__type"] = "OptionSetValue" + Contracts, ["Value"] = i },
        _ => ColumnValues.ToJson(value),
    };

    public static JsonObject Reference(string table, Guid id, bool typed = true)
    {
        var json = new JsonObject();
        if (typed) json["__type"] = "EntityReference" + Contracts;
        json["Id"] = id.ToString("D");
        json["KeyAttributes"] = new JsonArray();
        json["LogicalName"] = table;
        json["Name"] = null;
        json["RowVersion"] = null;
        return json;
    }

    public static JsonObject Entity(TableDefinition table, Guid id, IEnumerable<KeyValuePair<ColumnDefinition, object?>> attributes, bool typed)
    {
        var json = new JsonObject();
        if (typed) json["__type"] = "Entity" + Contracts;
        json["Attributes"] = Pairs(attributes.Select(a => new KeyValuePair<string, JsonNode?>(a.Key.LogicalName, Value(a.Key, a.Value))));
        json["EntityState"] = null;
        json["FormattedValues"] = new JsonArray();
        json["Id"] = id.ToString("D");
        json["KeyAttributes"] = new JsonArray();
        json["LogicalName"] = table.LogicalName;
        json["RelatedEntities"] = new JsonArray();
        json["RowVersion"] = null;
        return json;
    }

    public static JsonArray Pairs(IEnumerable<KeyValuePair<string, JsonNode?>> pairs) =>
        new(pairs.Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = p.Value }).ToArray());

    public static JsonValue Date(DateTimeOffset at) => JsonValue.Create($"/Date({at.ToUnixTimeMilliseconds()})/");
}
