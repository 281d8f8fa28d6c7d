using System.Net;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.RoundTrip;

public sealed class CreditNoteTests
{
    private const string CreditNotes = "/api.xro/2.0/CreditNotes";

    private static object Note(string contact = "Fabrikam, Inc.", decimal amount = 30m, string status = "AUTHORISED") => new
    {
        Type = "ACCRECCREDIT", Status = status, Contact = new { Name = contact }, Date = "2026-03-03",
        LineItems = new[] { new { Description = "Returned", Quantity = 1m, UnitAmount = amount, AccountCode = "200", TaxType = "NONE" } },
    };

    private static async Task<string> CreateNote(XeroTestHost host, object note)
    {
        var reply = await host.Put(CreditNotes, new { CreditNotes = new[] { note } });
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Text);
        return reply.Body!["CreditNotes"]![0]!.Text("CreditNoteID");
    }

    private static Task<Reply> Allocate(XeroTestHost host, string noteId, string invoiceId, decimal amount, string date = "2026-03-04") =>
        host.Put($"{CreditNotes}/{noteId}/Allocations", new { Allocations = new[] { new { Invoice = new { InvoiceID = invoiceId }, Amount = amount, Date = date } } });

    [Fact]
    public async Task A_credit_note_is_numbered_totalled_and_read_back_by_id_and_number()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var id = await CreateNote(host, Note(amount: 30m));

        var byId = (await host.Get($"{CreditNotes}/{id}")).Body!["CreditNotes"]![0]!;
        var byNumber = (await host.Get($"{CreditNotes}/CN-0001")).Body!["CreditNotes"]![0]!;

        Assert.Equal("CN-0001", byId.Text("CreditNoteNumber"));
        Assert.Equal(30m, byId.Money("Total"));
        Assert.Equal(30m, byId.Money("RemainingCredit"));
        Assert.Empty(byId["Allocations"]!.AsArray());
        Assert.Equal(id, byNumber.Text("CreditNoteID"));
    }

    [Fact]
    public async Task An_allocation_credits_the_invoice_and_one_to_zero_makes_both_PAID()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var invoiceId = await host.AuthorisedInvoice(100m);
        var noteId = await CreateNote(host, Note(amount: 30m));
        var bigId = await CreateNote(host, Note(amount: 500m));

        var first = await Allocate(host, noteId, invoiceId, 30m);
        var partly = await host.Invoice(invoiceId);
        var note = (await host.Get($"{CreditNotes}/{noteId}")).Body!["CreditNotes"]![0]!;
        var rest = await Allocate(host, bigId, invoiceId, 70m, "2026-03-06");
        var paid = await host.Invoice(invoiceId);
        var big = (await host.Get($"{CreditNotes}/{bigId}")).Body!["CreditNotes"]![0]!;

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(30m, first.Body!["Allocations"]![0]!.Money("Amount"));
        Assert.Equal("AUTHORISED", partly.Text("Status"));
        Assert.Equal(30m, partly.Money("AmountCredited"));
        Assert.Equal(70m, partly.Money("AmountDue"));
        var credit = Assert.Single(partly["CreditNotes"]!.AsArray())!;
        Assert.Equal(noteId, credit.Text("CreditNoteID"));
        Assert.Equal("CN-0001", credit.Text("CreditNoteNumber"));
        Assert.Equal(30m, credit.Money("AppliedAmount"));
        Assert.Equal(30m, credit.Money("Total"));
        Assert.Equal("PAID", note.Text("Status"));                  // no credit left
        Assert.Equal(0m, note.Money("RemainingCredit"));
        Assert.Equal(invoiceId, note["Allocations"]![0]!["Invoice"]!.Text("InvoiceID"));

        Assert.Equal(HttpStatusCode.OK, rest.Status);
        Assert.Equal("PAID", paid.Text("Status"));
        Assert.Equal(0m, paid.Money("AmountDue"));
        Assert.Equal(100m, paid.Money("AmountCredited"));
        Assert.Equal("/Date(1772755200000+0000)/", paid.Text("FullyPaidOnDate"));   // 2026-03-06
        Assert.Equal(430m, big.Money("RemainingCredit"));
        Assert.Equal("AUTHORISED", big.Text("Status"));
    }

    [Fact]
    public async Task Xero_refuses_allocations_past_the_credit_past_the_amount_due_from_a_draft_to_another_contact_or_to_a_paid_invoice()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var invoiceId = await host.AuthorisedInvoice(100m);
        var small = await CreateNote(host, Note(amount: 20m));
        var big = await CreateNote(host, Note(amount: 500m));
        var draft = await CreateNote(host, Note(amount: 20m, status: "DRAFT"));
        var other = await CreateNote(host, Note(contact: "Contoso Pharmaceuticals", amount: 20m));

        Assert.Equal(["Credit Note cannot be allocated as amount is greater than the remaining credit"], (await Allocate(host, small, invoiceId, 25m)).Messages());
        Assert.Equal(["Credit Note cannot be allocated as amount is greater than amount outstanding"], (await Allocate(host, big, invoiceId, 100.01m)).Messages());
        Assert.Equal(["Only AUTHORISED credit notes can be allocated."], (await Allocate(host, draft, invoiceId, 5m)).Messages());
        Assert.Equal(["The credit note and the invoice must be for the same contact."], (await Allocate(host, other, invoiceId, 5m)).Messages());
        Assert.Equal(100m, (await host.Invoice(invoiceId)).Money("AmountDue"));

        Assert.Equal(HttpStatusCode.OK, (await Allocate(host, big, invoiceId, 100m)).Status);
        Assert.Equal(["The invoice you are trying to allocate to has already been paid off"], (await Allocate(host, big, invoiceId, 1m)).Messages());
    }

    [Fact]
    public async Task A_credit_note_with_an_allocation_cannot_be_edited_and_the_credited_invoice_cannot_be_voided()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var invoiceId = await host.AuthorisedInvoice(100m);
        var noteId = await CreateNote(host, Note(amount: 500m));
        await Allocate(host, noteId, invoiceId, 10m);

        var edit = await host.Post($"{CreditNotes}/{noteId}", new { CreditNotes = new[] { new { Reference = "changed" } } });
        var voidInvoice = await host.Post($"{RoundTripHost.Invoices}/{invoiceId}", new { Invoices = new[] { new { Status = "VOIDED" } } });

        Assert.Equal(["This document cannot be edited as it has a payment or credit note allocated to it."], edit.Messages());
        Assert.Equal(["This document cannot be edited as it has a payment or credit note allocated to it."], voidInvoice.Messages());
    }

    [Fact]
    public async Task GET_CreditNotes_reads_many_by_id_pages_and_honours_If_Modified_Since()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var a = await CreateNote(host, Note(amount: 1m));
        var b = await CreateNote(host, Note(amount: 2m));
        await CreateNote(host, Note(amount: 3m));
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var since = host.Time.GetUtcNow();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var invoiceId = await host.AuthorisedInvoice(100m);
        await Allocate(host, b, invoiceId, 2m);

        var byIds = await host.Get($"{CreditNotes}?IDs={a},{b}&page=1");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{CreditNotes}?IDs={a},{b}");
        request.Headers.IfModifiedSince = since;
        var changed = await Reply.From(await host.Http.SendAsync(request));

        Assert.Equal([a, b], byIds.Body!["CreditNotes"]!.AsArray().Select(n => n!.Text("CreditNoteID")));
        Assert.Equal(2, byIds.Body!["pagination"]!["itemCount"]!.GetValue<int>());
        Assert.Equal(b, Assert.Single(changed.Body!["CreditNotes"]!.AsArray())!.Text("CreditNoteID"));
    }
}
