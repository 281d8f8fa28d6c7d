using System.Text.Json.Nodes;

namespace D365Xero.IntegrationTests.RoundTrip;

/// <summary>
/// With Xero's webhooks off, the poll brings an invoice's life back onto its order: approval, part and full payment, a
/// deleted payment, a credit note, voiding and deleting, each as an accountant does it in the Xero emulator.
/// </summary>
public sealed class InvoiceLifePollTests
{
    [Fact]
    public async Task Approval_payments_and_a_credit_show_on_the_order_at_the_next_poll()
    {
        var (h, order, invoice) = await RoundTripFixtures.OrderInXeroAsync();
        await using var _ = h;
        Assert.Null((await h.OrderRowAsync(order)).Text("xero_invoicestatus")); // nothing read back until Xero says something changed

        await h.InXeroAsync(invoice, "authorise");
        await h.SyncOnceAsync();
        Assert.Null((await h.OrderRowAsync(order)).Text("xero_invoicestatus")); // the poll is not due yet

        await h.PollDueAsync();
        await h.SyncOnceAsync();
        var row = await h.OrderRowAsync(order);
        Assert.Equal("Authorised", row.Text("xero_invoicestatus"));
        Assert.Equal(110m, row.Number("xero_amountdue")); // 2 × 50 and the sales account's default tax (10 %)
        Assert.Equal(0m, row.Number("xero_amountpaid"));
        Assert.StartsWith("https://", row.Text("xero_onlineinvoiceurl"));
        var note = Assert.Single(await h.NotesAsync(order));
        Assert.Equal("application/pdf", note.Text("mimetype"));
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(note.Text("documentbody")!))[..4]);

        await h.InXeroAsync(invoice, "payments", new JsonObject { ["Amount"] = 40m, ["Reference"] = "EFT 1" });
        await h.PollDueAsync();
        await h.SyncOnceAsync();
        row = await h.OrderRowAsync(order);
        Assert.Equal("Authorised", row.Text("xero_invoicestatus"));
        Assert.Equal(70m, row.Number("xero_amountdue"));
        Assert.Equal(40m, row.Number("xero_amountpaid"));
        Assert.NotNull(row.Text("xero_lastpaymenton"));
        var payment = Assert.Single(await h.PaymentRowsAsync(order));
        Assert.Equal(40m, payment.Number("xero_amount"));
        Assert.Equal("EFT 1", payment.Text("xero_reference"));
        Assert.Equal("AUTHORISED", payment.Text("xero_status"));

        await h.InXeroAsync(invoice, "credit", new JsonObject { ["Amount"] = 10m });
        await h.InXeroAsync(invoice, "payments", new JsonObject()); // the rest: 60
        await h.Xero.ResetStatsAsync();
        await h.PollDueAsync();
        await h.SyncOnceAsync();
        row = await h.OrderRowAsync(order);
        Assert.Equal("Paid", row.Text("xero_invoicestatus"));
        Assert.Equal(0m, row.Number("xero_amountdue"));
        Assert.Equal(100m, row.Number("xero_amountpaid"));
        Assert.Equal(10m, row.Number("xero_amountcredited"));
        Assert.NotNull(row.Text("xero_fullypaidon"));
        Assert.Equal(2, (await h.PaymentRowsAsync(order)).Count);
        // The document did not change: the PDF is not read again, the note not duplicated; the poll read the invoice once.
        Assert.Single(await h.NotesAsync(order));
        Assert.Equal(0, await h.Xero.CallsAsync("GET /Invoices/{id}"));
        Assert.Equal(1, await h.Xero.ApiCallsAsync());
    }

    [Fact]
    public async Task What_the_read_back_writes_on_an_order_is_not_sent_to_Xero_again()
    {
        var (h, order, invoice) = await RoundTripFixtures.OrderInXeroAsync();
        await using var _ = h;
        await h.InXeroAsync(invoice, "authorise");
        await h.PollDueAsync();
        await h.SyncOnceAsync();
        Assert.Equal("Authorised", (await h.OrderRowAsync(order)).Text("xero_invoicestatus"));
        await h.Xero.ResetStatsAsync();

        // The order changed in Dynamics (its Xero columns): change tracking sees it, the order is planned again, and nothing goes.
        await h.SyncOnceAsync();

        Assert.True(await h.Xero.ApiCallsAsync() == 0, (await h.Xero.StatsAsync()).ToJsonString());
        Assert.Equal("Synced", (await h.OrderRowAsync(order)).Text("xero_syncstatus"));
    }

    [Fact]
    public async Task A_paid_order_is_fulfilled_when_configured_its_columns_written_first()
    {
        // Dynamics refuses changes to a closed order (docs/dataverse-rules.md#d-closed-order-read-only): the emulator enforces it here.
        var (h, order, invoice) = await RoundTripFixtures.OrderInXeroAsync(s => s["Sync:FulfilWhenPaid"] = "true", d => d.ClosedOrdersReadOnly = true);
        await using var _ = h;
        await h.InXeroAsync(invoice, "authorise");
        await h.InXeroAsync(invoice, "payments", new JsonObject());
        await h.PollDueAsync();
        await h.SyncOnceAsync();

        var row = await h.OrderRowAsync(order);
        Assert.Equal(3, row.Number("statecode")); // Fulfilled
        Assert.Equal(100001, row.Number("statuscode")); // Complete
        Assert.Equal("Paid", row.Text("xero_invoicestatus"));
        Assert.Equal(0m, row.Number("xero_amountdue"));
        Assert.Single(await h.PaymentRowsAsync(order));

        // The next pass sees the order closed: nothing is sent to the paid invoice.
        await h.Xero.ResetStatsAsync();
        await h.SyncOnceAsync();
        Assert.Equal(0, await h.Xero.CallsAsync("POST /Invoices"));
    }

    [Fact]
    public async Task A_cancelled_order_whose_invoice_is_part_paid_is_credited_when_configured()
    {
        var (h, order, invoice) = await RoundTripFixtures.OrderInXeroAsync(s => s["Sync:CreditPaidCancellations"] = "true");
        await using var _ = h;
        await h.InXeroAsync(invoice, "authorise");
        await h.InXeroAsync(invoice, "payments", new JsonObject { ["Amount"] = 40m });
        await h.PollDueAsync();
        await h.SyncOnceAsync();

        await h.Dynamics.UpdateAsync("salesorders", order, new JsonObject { ["statecode"] = 2 });
        await h.SyncOnceAsync();

        var credit = Assert.Single((await h.Xero.GetAsync("api.xro/2.0/CreditNotes")).Items("CreditNotes"));
        Assert.Equal("ACCRECCREDIT", credit.Text("Type"));
        Assert.Equal("AUTHORISED", credit.Text("Status"));
        Assert.Equal(110m, credit.Number("Total"));
        Assert.Equal(40m, credit.Number("RemainingCredit")); // the paid part, to refund
        var after = await h.InvoiceOfOrderAsync(order);
        Assert.Equal("PAID", after.Text("Status"));
        Assert.Equal(70m, after.Number("AmountCredited"));
        var row = await h.OrderRowAsync(order);
        Assert.Equal("Skipped", row.Text("xero_syncstatus"));
        Assert.Equal($"Credited in Xero: credit note {credit.Text("CreditNoteNumber")} for 110.00; 70.00 allocated to the invoice, 40.00 left as credit to refund to the customer.",
            row.Text("xero_syncerror"));

        // Never credited twice.
        await h.Dynamics.UpdateAsync("salesorders", order, new JsonObject { ["description"] = "cancelled by the customer" });
        await h.SyncOnceAsync();
        Assert.Single((await h.Xero.GetAsync("api.xro/2.0/CreditNotes")).Items("CreditNotes"));
    }

    [Fact]
    public async Task A_payment_deleted_in_Xero_is_marked_on_its_row_and_the_invoice_owes_again()
    {
        var (h, order, invoice) = await RoundTripFixtures.OrderInXeroAsync();
        await using var _ = h;
        await h.InXeroAsync(invoice, "authorise");
        var paid = await h.Xero.PostAsync($"_emulator/invoices/{invoice}/payments", new JsonObject()); // in full
        await h.PollDueAsync();
        await h.SyncOnceAsync();
        Assert.Equal("Paid", (await h.OrderRowAsync(order)).Text("xero_invoicestatus"));

        await h.Xero.DeleteAsync($"_emulator/payments/{paid.Text("PaymentID")}");
        await h.PollDueAsync();
        await h.SyncOnceAsync();

        var row = await h.OrderRowAsync(order);
        Assert.Equal("Authorised", row.Text("xero_invoicestatus"));
        Assert.Equal(110m, row.Number("xero_amountdue"));
        Assert.Equal(0m, row.Number("xero_amountpaid"));
        Assert.Equal("DELETED", Assert.Single(await h.PaymentRowsAsync(order)).Text("xero_status"));
    }

    [Theory]
    [InlineData("void", "Voided", true)]
    [InlineData("delete", "Deleted", false)]
    public async Task A_voided_or_deleted_invoice_shows_on_its_order(string action, string status, bool authoriseFirst)
    {
        var (h, order, invoice) = await RoundTripFixtures.OrderInXeroAsync();
        await using var _ = h;
        if (authoriseFirst) await h.InXeroAsync(invoice, "authorise");
        await h.InXeroAsync(invoice, action);
        await h.PollDueAsync();
        await h.SyncOnceAsync();

        Assert.Equal(status, (await h.OrderRowAsync(order)).Text("xero_invoicestatus"));
    }

    [Fact]
    public async Task The_connectors_own_invoice_writes_are_not_read_back_by_the_poll()
    {
        var (h, order, _) = await RoundTripFixtures.OrderInXeroAsync();
        await using var __ = h;
        await h.Xero.ResetStatsAsync();
        await h.PollDueAsync();
        await h.SyncOnceAsync();

        // One poll call; the invoice it lists is the connector's own write, already known: nothing written onto the order.
        Assert.Equal(1, await h.Xero.ApiCallsAsync());
        Assert.Null((await h.OrderRowAsync(order)).Text("xero_invoicestatus"));
    }
}
