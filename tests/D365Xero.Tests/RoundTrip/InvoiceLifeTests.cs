using D365Xero.RoundTrip;
using D365Xero.Tables;
using D365Xero.Target.Xero.Model;
using D365Xero.WriteBack;

namespace D365Xero.Tests.RoundTrip;

public sealed class InvoiceLifeTests
{
    private static readonly IReadOnlyList<WriteBackColumn> OrderColumns = new WriteBackColumns("xero").For(SyncedTables.Order.Name);

    private static XeroInvoice PartPaid => new()
    {
        InvoiceID = Guid.NewGuid(), InvoiceNumber = "INV-0042", Status = "AUTHORISED", CurrencyCode = "NZD",
        Total = 115m, AmountDue = 65m, AmountPaid = 40m, AmountCredited = 10m,
        Payments =
        [
            new XeroPayment { PaymentID = Guid.NewGuid(), Amount = 25m, Date = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), Status = "AUTHORISED" },
            new XeroPayment { PaymentID = Guid.NewGuid(), Amount = 15m, Date = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), Status = "AUTHORISED" },
        ],
    };

    [Fact]
    public void Columns_show_status_amounts_and_the_latest_payment_day()
    {
        var values = InvoiceLife.Columns(OrderColumns, PartPaid, "https://in.xero.com/abc");

        Assert.Equal("Authorised", (string?)values["xero_invoicestatus"]);
        Assert.Equal(65m, (decimal?)values["xero_amountdue"]);
        Assert.Equal(40m, (decimal?)values["xero_amountpaid"]);
        Assert.Equal(10m, (decimal?)values["xero_amountcredited"]);
        Assert.Null(values["xero_fullypaidon"]);
        Assert.Equal("2026-11-20T00:00:00Z", (string?)values["xero_lastpaymenton"]);
        Assert.Equal("https://in.xero.com/abc", (string?)values["xero_onlineinvoiceurl"]);
        // Only the read-back's own columns: the outbound write-back's are never touched from here.
        Assert.False(values.ContainsKey("xero_syncstatus"));
        Assert.False(values.ContainsKey("xero_invoiceid"));
    }

    [Fact]
    public void A_deleted_payment_does_not_count_as_the_last_payment()
    {
        var invoice = PartPaid with { Payments = [PartPaid.Payments![0], PartPaid.Payments[1] with { Status = "DELETED" }] };
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), InvoiceLife.LastPaymentOn(invoice));
    }

    [Theory]
    [InlineData("DRAFT", "Draft", false)]
    [InlineData("SUBMITTED", "Submitted", false)]
    [InlineData("AUTHORISED", "Authorised", true)]
    [InlineData("PAID", "Paid", true)]
    [InlineData("VOIDED", "Voided", false)]
    [InlineData("DELETED", "Deleted", false)]
    public void Statuses_read_as_Dynamics_users_expect(string xero, string label, bool approved)
    {
        Assert.Equal(label, InvoiceLife.StatusLabel(xero));
        Assert.Equal(approved, InvoiceLife.IsApproved(xero));
    }

    [Fact]
    public void A_payment_changes_the_columns_but_not_the_document()
    {
        var before = PartPaid;
        var after = before with { AmountDue = 0m, AmountPaid = 105m, Status = "PAID", FullyPaidOnDate = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) };

        Assert.NotEqual(InvoiceLife.Hash(InvoiceLife.Columns(OrderColumns, before, null)), InvoiceLife.Hash(InvoiceLife.Columns(OrderColumns, after, null)));
        Assert.Equal(InvoiceDocument.Fingerprint(before), InvoiceDocument.Fingerprint(after));
        Assert.NotEqual(InvoiceDocument.Fingerprint(before), InvoiceDocument.Fingerprint(before with { DueDate = "2027-01-31" }));
        Assert.NotEqual(InvoiceDocument.Fingerprint(before), InvoiceDocument.Fingerprint(before with { Status = "VOIDED" }));
    }
}
