namespace D365Xero.Configuration.Mapping;

/// <summary>
/// How each organisation's books are coded (configuration section <c>Mapping</c> of a connection, see
/// docs/mappings.md): each invoice line's account code and tax type from a column of the product (or its
/// line or order), falling back to <c>Sync:SalesAccountCode</c> and <c>Sync:TaxType</c>, and up to two
/// tracking categories per line (docs/xero-rules.md#x-tracking-two-categories); extra fields of the contact,
/// the item and the invoice from columns of the account, the product and the order.
/// </summary>
public sealed class MappingOptions
{
    public const int MaxTracking = 2;

    public static readonly string[] Tables = ["salesorder", "salesorderdetail", "product"];

    /// <summary>The table each section's extra fields are read from.</summary>
    public const string ContactTable = "account", ItemTable = "product", InvoiceTable = "salesorder";

    /// <summary>Each line's account code, e.g. from <c>product.parentproductid</c> (the family) with a table of values.</summary>
    public ColumnMap AccountCode { get; set; } = new();

    /// <summary>Each line's tax type, the same way.</summary>
    public ColumnMap TaxType { get; set; } = new();

    /// <summary>Up to two tracking categories on each line.</summary>
    public List<TrackingMap> Tracking { get; set; } = [];

    /// <summary>Extra fields of each account's Xero contact.</summary>
    public ContactFieldMaps Contact { get; set; } = new();

    /// <summary>The purchase side of each product's Xero item.</summary>
    public ItemFieldMaps Item { get; set; } = new();

    /// <summary>Extra fields of each order's Xero invoice.</summary>
    public InvoiceFieldMaps Invoice { get; set; } = new();

    /// <summary>Every map that names a column.</summary>
    public IEnumerable<ColumnMap> Maps => new ColumnMap[] { AccountCode, TaxType }.Concat(Tracking)
        .Concat(Contact.All.Concat(Item.All).Concat(Invoice.All).Select(f => f.Map)).Where(m => m.Column is not null);

    /// <summary>Whether any map reads a column (then labels are asked of Dataverse).</summary>
    public bool ReadsColumns => Maps.Any() || Invoice.Reference is not null;

    /// <summary>Whether any contact field is mapped (then contacts are checked against Xero's settings before sending).</summary>
    public bool MapsContacts => Contact.All.Any(f => f.Map.Column is not null);

    /// <summary>
    /// The columns of <paramref name="table"/> the maps read, which join the table's own columns when it is read and
    /// are among those whose change sends the row again (the webhook's filtering attributes).
    /// </summary>
    public IEnumerable<string> ColumnsOf(string table) => Maps.Select(m => m.Source).Where(s => s?.Table == table).Select(s => s!.Value.Column)
        .Concat(table == InvoiceTable ? Invoice.ReferenceColumns : []).Distinct();
}
