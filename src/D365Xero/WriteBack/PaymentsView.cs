using System.Xml.Linq;
using D365Xero.WriteBack.Views;

namespace D365Xero.WriteBack;

/// <summary>
/// The public view "Xero payments" of <see cref="PaymentTable"/>: name, date, amount, currency, reference and status, newest payment
/// first. The order form's payments subgrid shows it (<see cref="PaymentsFormSection"/>). FetchXML and LayoutXML as in
/// docs/dataverse-rules.md#d-savedqueries (learn.microsoft.com/power-apps/developer/model-driven-apps/customize-entity-views).
/// </summary>
public static class PaymentsView
{
    public const string Name = "Xero payments";

    /// <summary>Its fixed id, the same in every organisation.</summary>
    public static Guid Id(PaymentTable t) => StableId.For($"view:{t.LogicalName}:payments");

    public static XeroView For(PaymentTable t, int objectTypeCode)
    {
        string[] shown = [t.Name, t.Date, t.Amount, t.Currency, t.Reference, t.Status];
        var fetch = new XElement("fetch", new XAttribute("version", "1.0"), new XAttribute("mapping", "logical"),
            new XElement("entity", new XAttribute("name", t.LogicalName),
                shown.Append(t.PrimaryId).Append(t.OrderLookup).Select(c => new XElement("attribute", new XAttribute("name", c))),
                new XElement("order", new XAttribute("attribute", t.Date), new XAttribute("descending", "true"))));
        var layout = new XElement("grid", new XAttribute("name", "resultset"), new XAttribute("object", objectTypeCode),
            new XAttribute("jump", t.Name), new XAttribute("select", "1"), new XAttribute("icon", "1"), new XAttribute("preview", "1"),
            new XElement("row", new XAttribute("name", "result"), new XAttribute("id", t.PrimaryId),
                shown.Select(c => new XElement("cell", new XAttribute("name", c), new XAttribute("width", c == t.Name || c == t.Reference ? 200 : 100)))));
        return new XeroView(Id(t), t.LogicalName, Name, "Payments Xero recorded against the invoice of a sales order, newest first.",
            fetch.ToString(SaveOptions.DisableFormatting), layout.ToString(SaveOptions.DisableFormatting));
    }
}
