namespace D365Xero.RoundTrip;

/// <summary>
/// The connector's own payments table, named with the publisher prefix (<c>Dataverse:ColumnPrefix</c>): one row per Xero payment,
/// under its order. `provision` creates it.
/// </summary>
public sealed record PaymentTable(string Prefix)
{
    public string LogicalName => $"{Prefix}_payment";
    public string EntitySet => $"{Prefix}_payments";
    public string Key => $"{Prefix}_paymentid";
    public string Name => $"{Prefix}_name";
    public string XeroPaymentId => $"{Prefix}_xeropaymentid";
    public string Date => $"{Prefix}_date";
    public string Amount => $"{Prefix}_amount";
    public string Currency => $"{Prefix}_currency";
    public string Reference => $"{Prefix}_reference";
    public string Status => $"{Prefix}_status";
    /// <summary>The lookup to the order, as a navigation property for <c>@odata.bind</c>.</summary>
    public string OrderLookup => $"{Prefix}_salesorderid";
    public string OrderBindProperty => $"{OrderLookup}@odata.bind";
    public string OrderBind(Guid orderId) => $"/salesorders({orderId:D})";
}
