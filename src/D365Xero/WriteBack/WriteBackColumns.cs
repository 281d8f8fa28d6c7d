namespace D365Xero.WriteBack;

/// <summary>
/// The columns the connector writes back onto each Dynamics table (PRODUCT.md §4), named with the
/// publisher prefix (<c>Dataverse:ColumnPrefix</c>, default <c>xero</c>). They are never among the
/// mapped source columns, so writing them is recognisable as our own echo.
/// </summary>
public sealed class WriteBackColumns(string prefix)
{
    public string Prefix { get; } = prefix;

    public string XeroId(string table) => table switch
    {
        "account" => Name("contactid"),
        "product" => Name("itemid"),
        "salesorder" => Name("invoiceid"),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "this table has no Xero id column"),
    };

    public string InvoiceNumber => Name("invoicenumber");
    public string Status => Name("syncstatus");
    public string Error => Name("syncerror");
    public string SyncedOn => Name("lastsyncedon");
    public string Url => Name("url");

    /// <summary>The columns of one table, in the order `provision` creates them.</summary>
    public IReadOnlyList<WriteBackColumn> For(string table)
    {
        var columns = new List<WriteBackColumn>();
        switch (table)
        {
            case "account":
                columns.Add(Column("ContactId", "Xero Contact ID", WriteBackColumnType.String, 100, "The ContactID of this account's Xero contact."));
                break;
            case "product":
                columns.Add(Column("ItemId", "Xero Item ID", WriteBackColumnType.String, 100, "The ItemID of this product's Xero item."));
                break;
            case "salesorder":
                columns.Add(Column("InvoiceId", "Xero Invoice ID", WriteBackColumnType.String, 100, "The InvoiceID of this order's Xero invoice."));
                columns.Add(Column("InvoiceNumber", "Xero Invoice Number", WriteBackColumnType.String, 255, "The number Xero gave this order's invoice."));
                break;
            case "contact":
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(table), table, "not a synced table");
        }
        columns.Add(Column("SyncStatus", "Xero Sync Status", WriteBackColumnType.String, 20, "Synced, Pending, Error or Skipped."));
        columns.Add(Column("SyncError", "Xero Sync Error", WriteBackColumnType.Memo, 4000, "Why the last sync to Xero failed or was skipped, in plain words."));
        columns.Add(Column("LastSyncedOn", "Xero Last Synced On", WriteBackColumnType.DateTime, 0, "When the connector last synced this row to Xero."));
        if (table != "contact")
        {
            columns.Add(Column("Url", "Xero Link", WriteBackColumnType.String, 500, "Opens the record in Xero."));
        }
        return columns;
    }

    /// <summary>The tables that carry write-back columns.</summary>
    public static readonly string[] Tables = ["account", "contact", "product", "salesorder"];

    private string Name(string suffix) => $"{Prefix}_{suffix}";

    private WriteBackColumn Column(string schemaSuffix, string display, WriteBackColumnType type, int maxLength, string description) =>
        new($"{Prefix}_{schemaSuffix.ToLowerInvariant()}", $"{Prefix}_{schemaSuffix}", display, type, maxLength, description);
}
