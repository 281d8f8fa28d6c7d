using D365Xero.RoundTrip;
using D365Xero.Target.Xero.Model;
using D365Xero.WriteBack;

namespace D365Xero.Tests.RoundTrip;

public sealed class PaymentRowsTests
{
    private static readonly PaymentRows Rows = new(new PaymentTable("xero"));
    private static readonly Guid Order = Guid.Parse("5c7f1d0e-0000-4000-8000-000000000001");
    private static readonly Guid First = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
    private static readonly Guid Second = Guid.Parse("bbbbbbbb-0000-4000-8000-000000000002");

    private static XeroInvoice Invoice(params XeroPayment[] payments) => new()
    {
        InvoiceID = Guid.NewGuid(), InvoiceNumber = "INV-7", CurrencyCode = "AUD", Status = "AUTHORISED", Payments = payments,
    };

    private static XeroPayment Payment(Guid id, decimal amount) =>
        new() { PaymentID = id, Amount = amount, Date = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), Reference = "EFT 991", Status = "AUTHORISED" };

    [Fact]
    public void Each_payment_is_one_row_under_its_order_with_an_id_from_Xero()
    {
        var changes = Rows.Changes(Order, Invoice(Payment(First, 30m)), new Dictionary<string, string>());

        var (id, values, paymentId, _) = Assert.Single(changes);
        Assert.Equal(PaymentRows.RowId(First), id);
        Assert.Equal(First.ToString("D"), paymentId);
        Assert.Equal(30m, (decimal?)values["xero_amount"]);
        Assert.Equal("2026-12-03", (string?)values["xero_date"]);
        Assert.Equal("AUD", (string?)values["xero_currency"]);
        Assert.Equal("EFT 991", (string?)values["xero_reference"]);
        Assert.Equal("AUTHORISED", (string?)values["xero_status"]);
        Assert.Equal($"/salesorders({Order:D})", (string?)values["xero_salesorderid@odata.bind"]);
        Assert.Equal("Payment 30.00 on 2026-12-03", (string?)values["xero_name"]);
    }

    [Fact]
    public void Rows_written_before_and_unchanged_are_not_written_again()
    {
        var first = Rows.Changes(Order, Invoice(Payment(First, 30m)), new Dictionary<string, string>());
        var written = first.ToDictionary(c => c.PaymentId, c => c.Hash);

        Assert.Empty(Rows.Changes(Order, Invoice(Payment(First, 30m)), written));
        var second = Assert.Single(Rows.Changes(Order, Invoice(Payment(First, 30m), Payment(Second, 12.5m)), written));
        Assert.Equal(PaymentRows.RowId(Second), second.Id);
    }

    [Fact]
    public void A_payment_gone_from_the_invoice_is_marked_deleted_once()
    {
        var written = Rows.Changes(Order, Invoice(Payment(First, 30m), Payment(Second, 5m)), new Dictionary<string, string>())
            .ToDictionary(c => c.PaymentId, c => c.Hash);

        var removed = Assert.Single(Rows.Changes(Order, Invoice(Payment(First, 30m)), written));
        Assert.Equal(PaymentRows.RowId(Second), removed.Id);
        Assert.Equal("DELETED", (string?)removed.Values["xero_status"]);

        written[removed.PaymentId] = removed.Hash;
        Assert.Empty(Rows.Changes(Order, Invoice(Payment(First, 30m)), written));
    }
}
