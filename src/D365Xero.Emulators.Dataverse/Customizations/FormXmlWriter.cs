using System.Xml.Linq;

namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Writes a seeded form as Dataverse stores it in <c>systemform.formxml</c>: <c>form/tabs/tab/columns/column/
/// sections/section/rows/row/cell/control</c>, every tab, section and cell with an id and labels, and a header
/// (docs/dataverse-rules.md#d-systemforms-formxml; learn.microsoft.com/power-apps/developer/model-driven-apps/form-xml-schema).
/// Ids are derived from the form and element names, so a seeded form is the same on every run.
/// </summary>
internal static class FormXmlWriter
{
    public static string Write(FormLayout form)
    {
        string Id(string part) => DeterministicGuid.For($"{form.Table}:{form.Name}:{part}", 0).ToString("B");
        var tabs = form.Tabs.Select(tab => new XElement("tab",
            new XAttribute("name", tab.Name), new XAttribute("id", Id(tab.Name)), new XAttribute("IsUserDefined", "0"),
            new XAttribute("locklevel", "0"), new XAttribute("showlabel", "true"), new XAttribute("expanded", "true"),
            Labels(tab.Label),
            new XElement("columns", tab.Columns.Select(column => new XElement("column", new XAttribute("width", column.Width),
                new XElement("sections", column.Sections.Select(section => Section(section, Id))))))));
        var header = new XElement("header", new XAttribute("id", Id("header")), new XAttribute("celllabelposition", "Top"),
            new XAttribute("columns", "111"), new XAttribute("labelwidth", "115"), new XAttribute("celllabelalignment", "Left"),
            new XElement("rows", new XElement("row", form.Header.Select(f => Cell(f, "header_" + f.Column, Id("header:" + f.Column))))));
        return new XElement("form", new XElement("tabs", tabs), header).ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Section(FormLayout.Section section, Func<string, string> id) => new("section",
        new XAttribute("name", section.Name), new XAttribute("id", id(section.Name)), new XAttribute("IsUserDefined", "0"),
        new XAttribute("locklevel", "0"), new XAttribute("showlabel", "true"), new XAttribute("showbar", "false"),
        new XAttribute("columns", "1"), new XAttribute("labelwidth", "115"),
        new XAttribute("celllabelalignment", "Left"), new XAttribute("celllabelposition", "Left"),
        Labels(section.Label),
        new XElement("rows", section.Fields.Select(f => new XElement("row", Cell(f, f.Column, id(section.Name + ":" + f.Column))))));

    private static XElement Cell(FormField field, string controlId, string cellId) => new("cell",
        new XAttribute("id", cellId), new XAttribute("showlabel", "true"), new XAttribute("locklevel", "0"),
        Labels(field.Label),
        new XElement("control", new XAttribute("id", controlId), new XAttribute("classid", field.Kind),
            new XAttribute("datafieldname", field.Column), new XAttribute("disabled", "false")));

    private static XElement Labels(string text) =>
        new("labels", new XElement("label", new XAttribute("description", text), new XAttribute("languagecode", "1033")));
}
