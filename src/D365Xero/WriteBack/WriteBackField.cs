namespace D365Xero.WriteBack;

/// <summary>What a write-back column holds; <see cref="DynamicsWriteBack"/> fills each from the row's <see cref="RowWriteBack"/>.</summary>
public enum WriteBackField
{
    XeroId,
    XeroNumber,
    Status,
    Error,
    SyncedOn,
    Url,

    // What Xero did with an order's invoice, written by the read-back (src/D365Xero/RoundTrip), never by the outbound write-back.
    InvoiceStatus,
    AmountDue,
    AmountPaid,
    AmountCredited,
    FullyPaidOn,
    LastPaymentOn,
    OnlineInvoiceUrl,
}

public static class WriteBackFields
{
    /// <summary>A column the invoice read-back fills (the outbound write-back leaves it alone).</summary>
    public static bool IsReadBack(this WriteBackField field) => field >= WriteBackField.InvoiceStatus;
}
