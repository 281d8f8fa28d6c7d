using System.Globalization;
using System.Text.Json.Nodes;

namespace D365Xero.WriteBack;

/// <summary>
/// The connector's own Dynamics table of Xero payments, one row per Xero payment on an invoice, linked to the sales order
/// (the round trip, issue 14). Names carry the publisher prefix (<c>Dataverse:ColumnPrefix</c>, default <c>xero</c>):
/// table <c>xero_payment</c>, entity set <c>xero_payments</c>, and the lookup bound as <c>xero_salesorderid@odata.bind</c>
/// and read as <c>_xero_salesorderid_value</c>. `provision` creates it (<see cref="PaymentTableProvisioner"/>).
/// </summary>
public sealed record PaymentTable(string Prefix)
{
    /// <summary>The payments table for a publisher prefix, e.g. <c>PaymentTable.For("xero")</c>.</summary>
    public static PaymentTable For(string prefix) => new(prefix);

    public string LogicalName => $"{Prefix}_payment";
    public string SchemaName => $"{Prefix}_Payment";
    /// <summary>The Web API entity set: <c>POST {EntitySet}</c>, <c>GET {EntitySet}?$filter=…</c>.</summary>
    public string EntitySet => $"{Prefix}_payments";
    public string PrimaryId => $"{Prefix}_paymentid";
    /// <summary>The primary name, e.g. "Payment 120.00 on 2026-12-04" (<see cref="NameOf"/>).</summary>
    public string Name => $"{Prefix}_name";
    /// <summary>Xero's PaymentID (string, 36).</summary>
    public string XeroPaymentId => $"{Prefix}_xeropaymentid";
    /// <summary>The payment date (date only, written and read as <c>yyyy-MM-dd</c>).</summary>
    public string Date => $"{Prefix}_date";
    /// <summary>The amount (decimal, 2 places), in <see cref="Currency"/>.</summary>
    public string Amount => $"{Prefix}_amount";
    /// <summary>The invoice's ISO currency code (string, 3).</summary>
    public string Currency => $"{Prefix}_currency";
    /// <summary>Xero's Reference of the payment (string, 255).</summary>
    public string Reference => $"{Prefix}_reference";
    /// <summary>Xero's payment status, AUTHORISED or DELETED (string, 20).</summary>
    public string Status => $"{Prefix}_status";
    /// <summary>The lookup to salesorder: its logical name and also its navigation property for <c>@odata.bind</c>.</summary>
    public string OrderLookup => $"{Prefix}_salesorderid";
    /// <summary>The lookup's read name in <c>$select</c>, <c>$filter</c> and rows: <c>_xero_salesorderid_value</c>.</summary>
    public string OrderLookupValue => $"_{OrderLookup}_value";
    /// <summary>The one-to-many relationship salesorder → payments (its collection navigation on salesorder has the same name).</summary>
    public string Relationship => $"{Prefix}_salesorder_{Prefix}_payment";

    /// <summary>Every column the read-back selects, for <c>$select</c>.</summary>
    public string Select => string.Join(',', PrimaryId, Name, XeroPaymentId, Date, Amount, Currency, Reference, Status, OrderLookupValue);

    /// <summary>The pair that links a row to its order: <c>"xero_salesorderid@odata.bind": "/salesorders(id)"</c>.</summary>
    public KeyValuePair<string, JsonNode?> OrderLookupBind(Guid orderId) =>
        new($"{OrderLookup}@odata.bind", JsonValue.Create($"/salesorders({orderId:D})"));

    /// <summary><c>$filter</c> for the payments of one order: <c>_xero_salesorderid_value eq {id}</c>.</summary>
    public string OrderFilter(Guid orderId) => $"{OrderLookupValue} eq {orderId:D}";

    /// <summary>The display name of a payment row.</summary>
    public static string NameOf(decimal amount, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"Payment {amount:0.00} on {date:yyyy-MM-dd}");

    /// <summary>A row body for POST or PATCH of <see cref="EntitySet"/>: every column, and the order lookup bound.</summary>
    public JsonObject Row(Guid orderId, string xeroPaymentId, DateOnly date, decimal amount, string currency, string? reference, string status) => new()
    {
        [Name] = NameOf(amount, date),
        [XeroPaymentId] = xeroPaymentId,
        [Date] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [Amount] = decimal.Round(amount, 2),
        [Currency] = currency,
        [Reference] = reference,
        [Status] = status,
        [OrderLookupBind(orderId).Key] = OrderLookupBind(orderId).Value,
    };

    /// <summary>The columns besides the key, the name and the lookup, in the order `provision` creates them.</summary>
    internal IReadOnlyList<PaymentColumn> Columns =>
    [
        new(XeroPaymentId, $"{Prefix}_XeroPaymentId", "Xero Payment ID", PaymentColumnType.String, 36, "Xero's PaymentID."),
        new(Date, $"{Prefix}_Date", "Payment Date", PaymentColumnType.DateOnly, 0, "The day the payment was made, as Xero has it."),
        new(Amount, $"{Prefix}_Amount", "Amount", PaymentColumnType.Decimal, 2, "The amount paid, in the invoice's currency."),
        new(Currency, $"{Prefix}_Currency", "Currency", PaymentColumnType.String, 3, "The invoice's currency code, e.g. NZD."),
        new(Reference, $"{Prefix}_Reference", "Reference", PaymentColumnType.String, 255, "The payment's reference in Xero."),
        new(Status, $"{Prefix}_Status", "Xero Status", PaymentColumnType.String, 20, "AUTHORISED, or DELETED when the payment was removed in Xero."),
    ];
}

internal enum PaymentColumnType
{
    String,
    DateOnly,
    Decimal,
}

/// <summary>One column of <see cref="PaymentTable"/> as `provision` creates it; for Decimal, <c>MaxLength</c> is the precision.</summary>
internal sealed record PaymentColumn(string LogicalName, string SchemaName, string DisplayName, PaymentColumnType Type, int MaxLength, string Description);
