using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Reads a JSON entity body: plain columns, <c>nav@odata.bind</c> lookups (docs/dataverse-rules.md#d-lookup-bind; learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api), and null binds that clear a lookup. Unknown names fail with Dataverse's exact errors.
/// </summary>
internal static partial class PayloadReader
{
    public static JsonObject ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body) as JsonObject
                ?? throw Errors.BadRequest("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw Errors.BadRequest("Invalid JSON. " + e.Message);
        }
    }

    public static WritePayload Read(DataverseStore store, TableDefinition table, JsonObject body)
    {
        var payload = new WritePayload();
        foreach (var (name, node) in body)
        {
            if (name.StartsWith('@')) continue; // @odata.type, @odata.etag and similar instance annotations
            var at = name.IndexOf('@');
            if (at > 0)
            {
                if (name[(at + 1)..] == "odata.bind") ReadBind(store, table, name[..at], node, payload);
                continue; // other property annotations (e.g. FormattedValue) are ignored on write
            }
            if (name == table.PrimaryIdAttribute)
            {
                payload.Id = ColumnValues.FromJson(table, table.PrimaryId, node) as Guid?;
                continue;
            }
            var column = table.Find(name);
            // error-400-write-unknown-property-does-not-exist-on-type.json; lookups must be written with @odata.bind.
            if (column is null || column.IsLookup) throw Errors.UnknownWriteProperty(table, name);
            if (column.IsReadOnly) continue; // read-only columns are ignored on write
            payload.Set(column, ColumnValues.FromJson(table, column, node));
        }
        return payload;
    }

    private static void ReadBind(DataverseStore store, TableDefinition table, string navigation, JsonNode? node, WritePayload payload)
    {
        var nav = table.FindNavigation(navigation) ?? throw Errors.UndeclaredBind(navigation);
        if (node is null)
        {
            payload.Set(nav.Column, null);
            return;
        }
        var reference = ParseReference(store, node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : "")
            ?? throw Errors.BadRequest($"The @odata.bind value '{node.ToJsonString()}' is not a valid entity reference.");
        if (reference.Table != nav.Target.Table)
            throw Errors.BadRequest($"The navigation property '{navigation}' expects '{nav.Target.Table}' but the reference is to '{reference.Table}'.");
        if (!store[reference.Table].Contains(reference.Id)) throw Errors.NotFound(store.Schema[reference.Table], reference.Id);
        payload.Set(nav.Column, reference);
    }

    /// <summary>Parses <c>/accounts(guid)</c>, <c>accounts(guid)</c> or an absolute Web API URL.</summary>
    public static EntityRef? ParseReference(DataverseStore store, string text)
    {
        var match = ReferencePattern().Match(text);
        if (!match.Success || store.Schema.BySet(match.Groups[1].Value) is not { } table) return null;
        return new EntityRef(table.LogicalName, Guid.Parse(match.Groups[2].Value));
    }

    [GeneratedRegex(@"([A-Za-z_]+)\(([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\)$")]
    private static partial Regex ReferencePattern();
}
