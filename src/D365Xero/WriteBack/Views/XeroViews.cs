using System.Xml.Linq;
using D365Xero.Tables;

namespace D365Xero.WriteBack.Views;

/// <summary>
/// The two views each table with write-back gets: "… with Xero sync errors" (status Error, the error shown, most recently
/// changed first) and "… not yet in Xero" (no Xero id yet; for a table without one, never synced). FetchXML and LayoutXML as in
/// docs/dataverse-rules.md#d-savedqueries (learn.microsoft.com/power-apps/developer/data-platform/fetchxml/overview;
/// learn.microsoft.com/power-apps/developer/model-driven-apps/customize-entity-views).
/// </summary>
public static class XeroViews
{
    public static IReadOnlyList<XeroView> For(SyncedTable table, IReadOnlyList<WriteBackColumn> columns, int objectTypeCode)
    {
        string Of(WriteBackField field) => columns.First(c => c.Field == field).LogicalName;
        var status = Of(WriteBackField.Status);
        var error = Of(WriteBackField.Error);
        var syncedOn = Of(WriteBackField.SyncedOn);
        var name = table.NameColumn ?? table.Key;
        var plural = table.Plural ?? table.Name;
        var notInXero = columns.FirstOrDefault(c => c.Field == WriteBackField.XeroId) is { } xeroId
            ? Filter("and", Condition(xeroId.LogicalName, "null"))
            : Filter("or", Condition(status, "null"), Condition(status, "ne", "Synced"));
        return
        [
            View(table, "errors", $"{plural} with Xero sync errors", $"{plural} the connector could not sync to Xero, with the reason, most recently changed first.",
                [name, status, error, syncedOn], Filter("and", Condition(status, "eq", "Error")), objectTypeCode),
            View(table, "not-in-xero", $"{plural} not yet in Xero", $"{plural} that have no record in Xero yet, with their sync status and any error.",
                [name, status, error, syncedOn], notInXero, objectTypeCode),
        ];
    }

    private static XeroView View(SyncedTable table, string kind, string name, string description, IReadOnlyList<string> shown, XElement filter, int objectTypeCode)
    {
        var fetch = new XElement("fetch", new XAttribute("version", "1.0"), new XAttribute("mapping", "logical"),
            new XElement("entity", new XAttribute("name", table.Name),
                shown.Append(table.Key).Select(c => new XElement("attribute", new XAttribute("name", c))),
                new XElement("order", new XAttribute("attribute", "modifiedon"), new XAttribute("descending", "true")),
                filter));
        var layout = new XElement("grid", new XAttribute("name", "resultset"), new XAttribute("object", objectTypeCode),
            new XAttribute("jump", shown[0]), new XAttribute("select", "1"), new XAttribute("icon", "1"), new XAttribute("preview", "1"),
            new XElement("row", new XAttribute("name", "result"), new XAttribute("id", table.Key),
                shown.Select((c, i) => new XElement("cell", new XAttribute("name", c), new XAttribute("width", i == 2 ? 300 : 150)))));
        return new XeroView(StableId.For($"view:{table.Name}:{kind}"), table.Name, name, description,
            fetch.ToString(SaveOptions.DisableFormatting), layout.ToString(SaveOptions.DisableFormatting));
    }

    private static XElement Filter(string type, params XElement[] conditions) => new("filter", new XAttribute("type", type), conditions);

    private static XElement Condition(string attribute, string op, string? value = null) =>
        new("condition", new XAttribute("attribute", attribute), new XAttribute("operator", op), value is null ? null : new XAttribute("value", value));
}
