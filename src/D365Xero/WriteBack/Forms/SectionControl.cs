namespace D365Xero.WriteBack.Forms;

/// <summary>One read-only control of the Xero section: the column it shows, its label and its control class.</summary>
public sealed record SectionControl(string Column, string Label, string ClassId)
{
    // Control classids of the FormXml schema (docs/dataverse-rules.md#d-systemforms-formxml; learn.microsoft.com/power-apps/developer/model-driven-apps/form-xml-schema).
    public const string Text = "{4273EDBD-AC1D-40d3-9FB2-095C621B552D}";
    public const string Memo = "{E0DECE4B-6FC8-4a8f-A065-082708572369}";
    public const string DateTime = "{5B773807-9FB2-42db-97C3-7A91EFF8ADFF}";
    public const string Url = "{71716B6C-711E-476c-8AB8-5D11542BFB47}";
    public const string Decimal = "{C3EFE0C3-0EC6-42be-8349-CBD9079DFD8E}";

    /// <summary>
    /// The section shows the write-back columns in this order: status first, then what identifies the Xero record, the error, when, and the link;
    /// then the invoice's life in Xero (an order's), as declared.
    /// </summary>
    private static readonly WriteBackField[] Order =
        [WriteBackField.Status, WriteBackField.XeroId, WriteBackField.XeroNumber, WriteBackField.Error, WriteBackField.SyncedOn, WriteBackField.Url];

    /// <summary>The controls for a table's write-back columns.</summary>
    public static IReadOnlyList<SectionControl> For(IEnumerable<WriteBackColumn> columns) =>
        columns.OrderBy(c => Array.IndexOf(Order, c.Field) is var i and >= 0 ? i : Order.Length).Select(c => new SectionControl(c.LogicalName, c.DisplayName, c switch
        {
            { Field: WriteBackField.Url or WriteBackField.OnlineInvoiceUrl } => Url,
            { Type: WriteBackColumnType.Decimal } => Decimal,
            { Type: WriteBackColumnType.Memo } => Memo,
            { Type: WriteBackColumnType.DateTime } => DateTime,
            _ => Text,
        })).ToList();
}
