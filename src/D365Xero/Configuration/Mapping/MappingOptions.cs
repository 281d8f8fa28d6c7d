namespace D365Xero.Configuration.Mapping;

/// <summary>
/// How each organisation's books are coded (configuration section <c>Mapping</c> of a connection, see
/// docs/mappings.md): each invoice line's account code and tax type from a column of the product (or its
/// line or order), falling back to <c>Sync:SalesAccountCode</c> and <c>Sync:TaxType</c>, and up to two
/// tracking categories per line (docs/xero-rules.md#x-tracking-two-categories).
/// </summary>
public sealed class MappingOptions
{
    public const int MaxTracking = 2;

    public static readonly string[] Tables = ["salesorder", "salesorderdetail", "product"];

    /// <summary>Each line's account code, e.g. from <c>product.parentproductid</c> (the family) with a table of values.</summary>
    public ColumnMap AccountCode { get; set; } = new();

    /// <summary>Each line's tax type, the same way.</summary>
    public ColumnMap TaxType { get; set; } = new();

    /// <summary>Up to two tracking categories on each line.</summary>
    public List<TrackingMap> Tracking { get; set; } = [];

    /// <summary>Every map that names a column.</summary>
    public IEnumerable<ColumnMap> Maps => new ColumnMap[] { AccountCode, TaxType }.Concat(Tracking).Where(m => m.Column is not null);

    /// <summary>The columns of <paramref name="table"/> the maps read, which join the table's own columns when it is read.</summary>
    public IEnumerable<string> ColumnsOf(string table) => Maps.Select(m => m.Source).Where(s => s?.Table == table).Select(s => s!.Value.Column).Distinct();
}
