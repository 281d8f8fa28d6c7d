using System.Xml.Linq;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// <c>DELETE EntityDefinitions(LogicalName='t')/Attributes(LogicalName='c')</c> (docs/dataverse-rules.md#d-column-delete;
/// learn.microsoft.com/power-apps/developer/data-platform/webapi/create-update-column-definitions-using-web-api): only a
/// custom column can be deleted, and not while a form or view of its table still shows it.
/// </summary>
internal static class AttributeRemoval
{
    public static ApiResponse Delete(EmulatorContext ctx, TableDefinition table, ColumnDefinition column)
    {
        if (!column.IsCustom)
            throw Errors.BadRequest($"The attribute {column.LogicalName} is not a custom attribute and cannot be deleted.", "0x80044153"); // [unverified wording]
        var users = Dependents(ctx, table.LogicalName, column.LogicalName).ToList();
        if (users.Count > 0)
            // [unverified wording] Dataverse names the count and points at RetrieveDependenciesForDelete.
            throw Errors.BadRequest($"The Attribute({column.MetadataId}) component cannot be deleted because it is referenced by {users.Count} other components ({string.Join(", ", users)}). "
                + "For a list of referenced components, use the RetrieveDependenciesForDeleteRequest.", "0x8004f01f");
        table.Remove(column);
        return ApiResponse.NoContent();
    }

    /// <summary>The forms and views of <paramref name="table"/> that show <paramref name="column"/>, by name.</summary>
    private static IEnumerable<string> Dependents(EmulatorContext ctx, string table, string column)
    {
        foreach (var (set, typeColumn, xmlColumns) in new[] { ("systemform", "objecttypecode", new[] { "formxml" }), ("savedquery", "returnedtypecode", new[] { "fetchxml", "layoutxml" }) })
        {
            var store = ctx.Store[set];
            var definition = store.Definition;
            foreach (var row in store.Ordered().Where(r => (r[definition.Find(typeColumn)!] as string) == table))
            {
                if (xmlColumns.Any(x => row[definition.Find(x)!] is string xml && Uses(XDocument.Parse(xml), column)))
                    yield return $"{set} '{row[definition.Find(definition.PrimaryNameAttribute)!]}'";
            }
        }
    }

    /// <summary>A form control bound to the column, or a view's attribute, cell, condition or order naming it.</summary>
    private static bool Uses(XDocument xml, string column) => xml.Descendants().Any(e => e.Name.LocalName switch
    {
        "control" => (string?)e.Attribute("datafieldname") == column,
        "attribute" or "cell" => (string?)e.Attribute("name") == column,
        "condition" or "order" => (string?)e.Attribute("attribute") == column,
        _ => false,
    });
}
