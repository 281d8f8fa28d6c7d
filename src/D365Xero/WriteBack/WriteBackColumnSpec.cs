namespace D365Xero.WriteBack;

/// <summary>A write-back column as a table declares it, before the publisher prefix names it.</summary>
public sealed record WriteBackColumnSpec(WriteBackField Field, string SchemaSuffix, string DisplayName, WriteBackColumnType Type, int MaxLength, string Description)
{
    /// <summary>The Xero id of the row's record, e.g. <c>ContactId</c>.</summary>
    public static WriteBackColumnSpec XeroId(string schemaSuffix, string displayName, string description) =>
        new(WriteBackField.XeroId, schemaSuffix, displayName, WriteBackColumnType.String, 100, description);

    /// <summary>The number Xero gives the record (an invoice number).</summary>
    public static WriteBackColumnSpec XeroNumber(string schemaSuffix, string displayName, string description) =>
        new(WriteBackField.XeroNumber, schemaSuffix, displayName, WriteBackColumnType.String, 255, description);

    public static readonly WriteBackColumnSpec Status =
        new(WriteBackField.Status, "SyncStatus", "Xero Sync Status", WriteBackColumnType.String, 20, "Synced, Pending, Error or Skipped.");

    public static readonly WriteBackColumnSpec Error =
        new(WriteBackField.Error, "SyncError", "Xero Sync Error", WriteBackColumnType.Memo, 4000, "Why the last sync to Xero failed or was skipped, in plain words.");

    public static readonly WriteBackColumnSpec SyncedOn =
        new(WriteBackField.SyncedOn, "LastSyncedOn", "Xero Last Synced On", WriteBackColumnType.DateTime, 0, "When the connector last synced this row to Xero.");

    public static readonly WriteBackColumnSpec Url =
        new(WriteBackField.Url, "Url", "Xero Link", WriteBackColumnType.String, 500, "Opens the record in Xero.");

    /// <summary>
    /// The invoice's life in Xero, read back onto its order (issue 14, the round trip): status, amounts, the days it was
    /// paid, and the link a customer can open. Filled by the read-back only.
    /// </summary>
    public static IReadOnlyList<WriteBackColumnSpec> InvoiceLife() =>
    [
        new(WriteBackField.InvoiceStatus, "InvoiceStatus", "Xero Invoice Status", WriteBackColumnType.String, 20,
            "The invoice's status in Xero: Draft, Submitted, Authorised, Paid, Voided or Deleted."),
        new(WriteBackField.AmountDue, "AmountDue", "Xero Amount Due", WriteBackColumnType.Decimal, 0, "What the customer still owes on the Xero invoice."),
        new(WriteBackField.AmountPaid, "AmountPaid", "Xero Amount Paid", WriteBackColumnType.Decimal, 0, "The payments applied to the Xero invoice."),
        new(WriteBackField.AmountCredited, "AmountCredited", "Xero Amount Credited", WriteBackColumnType.Decimal, 0, "The credit notes allocated to the Xero invoice."),
        new(WriteBackField.FullyPaidOn, "FullyPaidOn", "Xero Fully Paid On", WriteBackColumnType.DateTime, 0, "When the Xero invoice was paid in full."),
        new(WriteBackField.LastPaymentOn, "LastPaymentOn", "Xero Last Payment On", WriteBackColumnType.DateTime, 0, "The date of the latest payment on the Xero invoice."),
        new(WriteBackField.OnlineInvoiceUrl, "OnlineInvoiceUrl", "Xero Online Invoice", WriteBackColumnType.String, 500,
            "The link a customer can open to view and pay the approved invoice."),
    ];

    /// <summary>What every table with write-back carries: status, error and when, after its own columns.</summary>
    public static IReadOnlyList<WriteBackColumnSpec> Standard(params WriteBackColumnSpec[] own) => [.. own, Status, Error, SyncedOn];
}
