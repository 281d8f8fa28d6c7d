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
