using System.Xml.Linq;

namespace D365Xero.WriteBack.Forms;

/// <summary>
/// The read-only "Xero" section `provision` puts on a table's main form, as FormXml (docs/dataverse-rules.md#d-systemforms-formxml;
/// learn.microsoft.com/power-apps/developer/model-driven-apps/form-xml-schema). Pure: FormXml in, FormXml out, or null when
/// nothing needs to change. The section is found by its own name or id wherever it is on the form, never by position, so a form
/// an administrator has rearranged since is respected; nothing else on the form is touched.
/// </summary>
public sealed class XeroFormSection(string table, IReadOnlyList<SectionControl> controls)
{
    /// <summary>The section's name on every form.</summary>
    public const string Name = "d365xero_sync";

    public const string Label = "Xero";

    /// <summary>Its id: the same for a table in every organisation.</summary>
    public Guid Id { get; } = StableId.For($"form-section:{table}");

    /// <summary>The form with the section added (a new section at the end of the first column of the first tab), or with the
    /// controls it lacks added to it where it already is; null when it is complete.</summary>
    public string? Add(string formXml)
    {
        var form = Parse(formXml);
        var controlIds = form.Descendants("control").Select(c => (string?)c.Attribute("id")).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (Find(form) is { } existing)
        {
            var shown = existing.Descendants("control").Select(c => (string?)c.Attribute("datafieldname")).ToHashSet();
            var missing = controls.Where(c => !shown.Contains(c.Column)).ToList();
            if (missing.Count == 0) return null;
            var rows = existing.Element("rows") ?? Added(existing, new XElement("rows"));
            foreach (var control in missing) rows.Add(Row(control, controlIds));
            return Write(form);
        }
        var column = form.Element("tabs")?.Elements("tab").FirstOrDefault()?.Element("columns")?.Elements("column").FirstOrDefault()
            ?? throw new InvalidOperationException("The form has no tab with a column to put the Xero section in.");
        var sections = column.Element("sections") ?? Added(column, new XElement("sections"));
        sections.Add(new XElement("section",
            new XAttribute("name", Name), new XAttribute("id", Id.ToString("B")), new XAttribute("IsUserDefined", "0"), new XAttribute("locklevel", "0"),
            new XAttribute("showlabel", "true"), new XAttribute("showbar", "false"), new XAttribute("columns", "1"), new XAttribute("labelwidth", "115"),
            new XAttribute("celllabelalignment", "Left"), new XAttribute("celllabelposition", "Left"),
            Labels(Label), new XElement("rows", controls.Select(c => Row(c, controlIds)))));
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

    /// <summary>Whether the form has the section (found by name or id).</summary>
    public bool IsOn(string formXml) => Find(Parse(formXml)) is not null;

    /// <summary>The columns the section shows on this form, in its order.</summary>
    public IReadOnlyList<string> Shown(string formXml) =>
        Find(Parse(formXml))?.Descendants("control").Select(c => (string?)c.Attribute("datafieldname")).OfType<string>().ToList() ?? [];

    private XElement? Find(XElement form) => form.Descendants("section").FirstOrDefault(s =>
        (string?)s.Attribute("name") == Name || (Guid.TryParse((string?)s.Attribute("id"), out var id) && id == Id));

    /// <summary>One control a row; its id is the column's name unless the form already uses it (control ids are unique on a form).</summary>
    private XElement Row(SectionControl control, HashSet<string> controlIds)
    {
        var id = control.Column;
        for (var n = 1; !controlIds.Add(id); n++) id = $"{control.Column}_{n}";
        return new XElement("row", new XElement("cell",
            new XAttribute("id", StableId.For($"form-cell:{table}:{control.Column}").ToString("B")), new XAttribute("showlabel", "true"), new XAttribute("locklevel", "0"),
            Labels(control.Label),
            new XElement("control", new XAttribute("id", id), new XAttribute("classid", control.ClassId),
                new XAttribute("datafieldname", control.Column), new XAttribute("disabled", "true"))));
    }

    private static XElement Labels(string text) =>
        new("labels", new XElement("label", new XAttribute("description", text), new XAttribute("languagecode", "1033")));

    private static XElement Added(XElement parent, XElement child)
    {
        parent.Add(child);
        return child;
    }

    private static XElement Parse(string formXml) => XElement.Parse(formXml, LoadOptions.PreserveWhitespace);

    private static string Write(XElement form) => form.ToString(SaveOptions.DisableFormatting);
}
