namespace D365Xero.Emulators.Dataverse;

/// <summary>A seeded main form: its tabs, each with columns of sections of fields (one field a row).</summary>
internal sealed record FormLayout(string Table, string Name, bool IsDefault, IReadOnlyList<FormLayout.Tab> Tabs, IReadOnlyList<FormField> Header)
{
    public sealed record Tab(string Name, string Label, IReadOnlyList<Column> Columns);

    public sealed record Column(string Width, IReadOnlyList<Section> Sections);

    public sealed record Section(string Name, string Label, IReadOnlyList<FormField> Fields);
}
