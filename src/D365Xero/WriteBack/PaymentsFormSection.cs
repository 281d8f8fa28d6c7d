using System.Xml.Linq;

namespace D365Xero.WriteBack;

/// <summary>
/// The "Xero payments" section `provision` puts on the sales order's main form, right after the Xero section: one subgrid of the
/// order's rows of <see cref="PaymentTable"/> through the relationship, showing <see cref="PaymentsView"/>
/// (docs/dataverse-rules.md#d-systemforms-formxml; learn.microsoft.com/power-apps/developer/model-driven-apps/form-xml-schema).
/// Pure: FormXml in, FormXml out, or null when nothing needs to change. Found by its name or id wherever it is.
/// </summary>
public sealed class PaymentsFormSection(PaymentTable table)
{
    public const string Name = "d365xero_payments";

    public const string Label = "Xero payments";

    /// <summary>The subgrid control's classid (FormXml <c>control</c> reference).</summary>
    public const string SubgridClassId = "{E7A81278-8635-4d9e-8D4D-59480B391C5B}";

    public Guid Id { get; } = StableId.For($"form-section:salesorder:{table.LogicalName}");

    /// <summary>The form with the section added (after the Xero section when the form has it, else at the end of the first column of
    /// the first tab); null when the form already has it with the right subgrid.</summary>
    public string? Add(string formXml)
    {
        var form = Parse(formXml);
        if (Find(form) is { } existing)
        {
            if (XNode.DeepEquals(existing.Element("rows"), Rows(form, existing))) return null;
            existing.Element("rows")?.Remove();
            existing.Add(Rows(form, existing));
            return Write(form);
        }
        var section = new XElement("section",
            new XAttribute("name", Name), new XAttribute("id", Id.ToString("B")), new XAttribute("IsUserDefined", "0"), new XAttribute("locklevel", "0"),
            new XAttribute("showlabel", "true"), new XAttribute("showbar", "false"), new XAttribute("columns", "1"),
            Labels(Label));
        section.Add(Rows(form, null));
        var xero = form.Descendants("section").FirstOrDefault(s => (string?)s.Attribute("name") == Forms.XeroFormSection.Name);
        if (xero is not null)
        {
            xero.AddAfterSelf(section);
            return Write(form);
        }
        var column = form.Element("tabs")?.Elements("tab").FirstOrDefault()?.Element("columns")?.Elements("column").FirstOrDefault()
            ?? throw new InvalidOperationException("The form has no tab with a column to put the Xero payments section in.");
        var sections = column.Element("sections");
        if (sections is null)
        {
            sections = new XElement("sections");
            column.Add(sections);
        }
        sections.Add(section);
        return Write(form);
    }

    /// <summary>The form without the section; null when it has none.</summary>
    public string? Remove(string formXml)
    {
        var form = Parse(formXml);
        if (Find(form) is not { } section) return null;
        section.Remove();
        return Write(form);
    }

    private XElement? Find(XElement form) => form.Descendants("section").FirstOrDefault(s =>
        (string?)s.Attribute("name") == Name || (Guid.TryParse((string?)s.Attribute("id"), out var id) && id == Id));

    /// <summary>One row holding the subgrid; its control id is the entity set's name unless the form already uses it elsewhere.</summary>
    private XElement Rows(XElement form, XElement? existing)
    {
        var mine = existing?.Descendants("control").Select(c => (string?)c.Attribute("id")).OfType<string>().ToHashSet() ?? [];
        var taken = form.Descendants("control").Select(c => (string?)c.Attribute("id")).OfType<string>()
            .Where(i => !mine.Contains(i)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var id = table.EntitySet;
        for (var n = 1; taken.Contains(id); n++) id = $"{table.EntitySet}_{n}";
        return new XElement("rows", new XElement("row", new XElement("cell",
            new XAttribute("id", StableId.For($"form-cell:salesorder:{table.LogicalName}").ToString("B")), new XAttribute("showlabel", "false"),
            new XAttribute("rowspan", "6"), new XAttribute("colspan", "1"), new XAttribute("locklevel", "0"),
            Labels(Label),
            new XElement("control", new XAttribute("id", id), new XAttribute("classid", SubgridClassId), new XAttribute("indicationOfSubgrid", "true"),
                new XElement("parameters",
                    new XElement("ViewId", PaymentsView.Id(table).ToString("B")),
                    new XElement("IsUserView", "false"),
                    new XElement("RelationshipName", table.Relationship),
                    new XElement("TargetEntityType", table.LogicalName),
                    new XElement("AutoExpand", "Fixed"),
                    new XElement("EnableQuickFind", "false"),
                    new XElement("EnableViewPicker", "false"),
                    new XElement("EnableJumpBar", "false"),
                    new XElement("ChartGridMode", "Grid"),
                    new XElement("RecordsPerPage", "5"))))));
    }

    private static XElement Labels(string text) =>
        new("labels", new XElement("label", new XAttribute("description", text), new XAttribute("languagecode", "1033")));

    private static XElement Parse(string formXml) => XElement.Parse(formXml, LoadOptions.PreserveWhitespace);

    private static string Write(XElement form) => form.ToString(SaveOptions.DisableFormatting);
}
