namespace D365Xero.Emulators.Dataverse;

/// <summary>One field of a seeded form: the column, its label and the kind of control that shows it.</summary>
/// <remarks>Control classids as in docs/dataverse-rules.md#d-systemforms-formxml (learn.microsoft.com/power-apps/developer/model-driven-apps/form-xml-schema).</remarks>
internal sealed record FormField(string Column, string Label, string Kind = FormField.Text)
{
    public const string Text = "{4273EDBD-AC1D-40d3-9FB2-095C621B552D}";
    public const string Memo = "{E0DECE4B-6FC8-4a8f-A065-082708572369}";
    public const string Lookup = "{270BD3DB-D9AF-4782-9025-509E298DEC0A}";
    public const string Money = "{533B9E00-756B-4312-95A0-DC888637AC78}";
    public const string DateTime = "{5B773807-9FB2-42db-97C3-7A91EFF8ADFF}";
    public const string Picklist = "{3EF39988-22BB-4f0b-BBBE-64B5A3748AEE}";
    public const string Email = "{ADA2203E-B4CD-49be-9DDF-234642B43B52}";
    public const string Url = "{71716B6C-711E-476c-8AB8-5D11542BFB47}";
    public const string Boolean = "{67FAC785-CD58-4f9f-ABB3-4B7DDC6ED5ED}";
    public const string Integer = "{C6D124CA-7EDA-4a60-AEA9-7FB8D318B68F}";
    public const string Decimal = "{C3EFE0C3-0EC6-42be-8349-CBD9079DFD8E}";
}
