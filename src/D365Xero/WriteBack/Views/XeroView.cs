using System.Text.Json.Nodes;

namespace D365Xero.WriteBack.Views;

/// <summary>A public system view `provision` keeps on a table: its fixed id, name, query (FetchXML) and columns (LayoutXML).</summary>
public sealed record XeroView(Guid Id, string Table, string Name, string Description, string FetchXml, string LayoutXml)
{
    /// <summary>A public view is querytype 0 (docs/dataverse-rules.md#d-savedqueries; learn.microsoft.com/power-apps/developer/data-platform/reference/entities/savedquery).</summary>
    public const int PublicView = 0;

    /// <summary>The columns that make the view: what is compared to find it changed, and what a create or update sends.</summary>
    public JsonObject Body() => new()
    {
        ["name"] = Name, ["description"] = Description, ["returnedtypecode"] = Table,
        ["fetchxml"] = FetchXml, ["layoutxml"] = LayoutXml, ["querytype"] = PublicView,
    };

    /// <summary>Whether the stored view differs from this one in any column it is made of.</summary>
    public bool DiffersFrom(JsonObject stored) =>
        Body().Any(kv => stored[kv.Key]?.ToString() != kv.Value?.ToString());
}
