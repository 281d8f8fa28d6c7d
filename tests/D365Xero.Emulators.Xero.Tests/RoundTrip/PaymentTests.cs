using System.Net;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.RoundTrip;

public sealed class PaymentTests
{
    private const string Payments = "/api.xro/2.0/Payments";

    private static object Pay(string invoiceId, decimal amount, string date = "2026-03-05", string code = "090", string? reference = "Bank transfer") =>
        new { Invoice = new { InvoiceID = invoiceId }, Account = new { Code = code }, Date = date, Amount = amount, Reference = reference };

    [Fact]
    public async Task Payments_fill_the_invoice_and_the_last_one_makes_it_PAID_on_its_date()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var id = await host.AuthorisedInvoice(100m);
        var before = (await host.Invoice(id)).Text("UpdatedDateUTC");

        host.Time.Advance(TimeSpan.FromMinutes(1));
        var first = await host.Put(Payments, new { Payments = new[] { Pay(id, 40m) } });
        var partly = await host.Invoice(id);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await host.Put(Payments, new { Payments = new[] { Pay(id, 60m, "2026-03-09", reference: "Rest") } });
        var paid = await host.Invoice(id);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        var payment = first.Body!["Payments"]![0]!;
        Assert.Equal("AUTHORISED", payment.Text("Status"));
        Assert.Equal("ACCRECPAYMENT", payment.Text("PaymentType"));
        Assert.Equal("090", payment["Account"]!.Text("Code"));
        Assert.Equal("AUTHORISED", partly.Text("Status"));
        Assert.Equal(40m, partly.Money("AmountPaid"));
        Assert.Equal(60m, partly.Money("AmountDue"));
        Assert.NotEqual(before, partly.Text("UpdatedDateUTC"));
        Assert.Null(partly["FullyPaidOnDate"]);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal("PAID", paid.Text("Status"));
        Assert.Equal(0m, paid.Money("AmountDue"));
        Assert.Equal(100m, paid.Money("AmountPaid"));
        Assert.Equal("/Date(1773014400000+0000)/", paid.Text("FullyPaidOnDate"));   // 2026-03-09
        var listed = paid["Payments"]!.AsArray();
        Assert.Equal(2, listed.Count);
        Assert.Equal(payment.Text("PaymentID"), listed[0]!.Text("PaymentID"));
        Assert.Equal(40m, listed[0]!.Money("Amount"));
        Assert.Equal("Bank transfer", listed[0]!.Text("Reference"));
        Assert.Equal("/Date(1772668800000+0000)/", listed[0]!.Text("Date"));       // 2026-03-05
        Assert.Equal(1m, listed[0]!.Money("CurrencyRate"));
    }

    [Fact]
    public async Task Xero_refuses_a_payment_on_a_draft_one_above_the_amount_due_and_one_into_a_non_bank_account()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var draft = await host.AuthorisedInvoice(100m, status: "DRAFT");
        var open = await host.AuthorisedInvoice(100m);

        var reply = await host.Put(Payments + "?summarizeErrors=false", new { Payments = new[] { Pay(draft, 10m), Pay(open, 100.01m), Pay(open, 10m, code: "200") } });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var elements = reply.Body!["Payments"]!.AsArray();
        Assert.All(elements, e => Assert.Equal("ERROR", e!.Text("StatusAttributeString")));
        Assert.Equal("Payments can only be made against Authorised documents", elements[0]!["ValidationErrors"]![0]!.Text("Message"));
        Assert.Equal("Payment amount exceeds the amount outstanding on this document", elements[1]!["ValidationErrors"]![0]!.Text("Message"));
        Assert.Contains("not a bank account", elements[2]!["ValidationErrors"]![0]!.Text("Message"));
        Assert.Equal(100m, (await host.Invoice(open)).Money("AmountDue"));
        Assert.Empty((await host.Get(Payments)).Body!["Payments"]!.AsArray());
    }

    [Fact]
    public async Task A_deleted_payment_leaves_the_invoice_which_is_AUTHORISED_again_and_stays_listed_as_DELETED()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var id = await host.AuthorisedInvoice(100m);
        var paymentId = (await host.Put(Payments, new { Payments = new[] { Pay(id, 100m) } })).Body!["Payments"]![0]!.Text("PaymentID");
        Assert.Equal("PAID", (await host.Invoice(id)).Text("Status"));

        var edit = await host.Post($"{Payments}/{paymentId}", new { Amount = 50m });
        var deleted = await host.Post($"{Payments}/{paymentId}", new { Status = "DELETED" });
        var again = await host.Post($"{Payments}/{paymentId}", new { Status = "DELETED" });
        var invoice = await host.Invoice(id);

        Assert.Equal(HttpStatusCode.BadRequest, edit.Status);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("DELETED", deleted.Body!["Payments"]![0]!.Text("Status"));
        Assert.Equal(["This payment has already been deleted."], again.Messages());
        Assert.Equal("AUTHORISED", invoice.Text("Status"));
        Assert.Equal(100m, invoice.Money("AmountDue"));
        Assert.Equal(0m, invoice.Money("AmountPaid"));
        Assert.Null(invoice["FullyPaidOnDate"]);
        Assert.Empty(invoice["Payments"]!.AsArray());
        Assert.Equal("DELETED", (await host.Get($"{Payments}/{paymentId}")).Body!["Payments"]![0]!.Text("Status"));
    }

    [Fact]
    public async Task POST_creates_one_payment_by_invoice_number_and_account_id()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var id = await host.AuthorisedInvoice(80m);
        var number = (await host.Invoice(id)).Text("InvoiceNumber");
        var bank = (await host.Get("/api.xro/2.0/Accounts")).Body!["Accounts"]!.AsArray().First(a => a!.Text("Type") == "BANK")!.Text("AccountID");

        var reply = await host.Post(Payments, new { Invoice = new { InvoiceNumber = number }, Account = new { AccountID = bank }, Date = "2026-03-02", Amount = 80m });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("PAID", (await host.Invoice(id)).Text("Status"));
    }

    [Fact]
    public async Task GET_Payments_pages_and_honours_If_Modified_Since()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var id = await host.AuthorisedInvoice(100m);
        await host.Put(Payments, new { Payments = new[] { Pay(id, 10m), Pay(id, 10m) } });
        host.Time.Advance(TimeSpan.FromMinutes(10));   // access tokens live 30 minutes
        var since = host.Time.GetUtcNow();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await host.Put(Payments, new { Payments = new[] { Pay(id, 5m, reference: "late") } });

        using var request = new HttpRequestMessage(HttpMethod.Get, Payments + "?page=1");
        request.Headers.IfModifiedSince = since;
        var recent = await Reply.From(await host.Http.SendAsync(request));
        var pageTwo = await host.Get(Payments + "?page=2&pageSize=2");

        Assert.True(recent.Status == HttpStatusCode.OK, $"{recent.Status} {recent.Text}");
        var only = Assert.Single(recent.Body!["Payments"]!.AsArray());
        Assert.Equal("late", only!.Text("Reference"));
        Assert.Equal(1, recent.Body!["pagination"]!["itemCount"]!.GetValue<int>());
        Assert.Single(pageTwo.Body!["Payments"]!.AsArray());
        Assert.Equal(2, pageTwo.Body!["pagination"]!["pageCount"]!.GetValue<int>());
    }
}
