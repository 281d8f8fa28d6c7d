using System.Net;
using D365Xero.Emulators.Xero.Tests.Support;
using D365Xero.Emulators.Xero.Tests.Webhooks;

namespace D365Xero.Emulators.Xero.Tests.RoundTrip;

/// <summary>The control endpoints that stand for an accountant working in Xero: same rules as the API, same webhooks.</summary>
public sealed class AccountantTests
{
    [Fact]
    public async Task Authorise_pay_in_full_delete_the_payment_then_credit_part_of_it()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var id = await host.AuthorisedInvoice(100m, status: "DRAFT");

        var payDraft = await host.Control($"/_emulator/invoices/{id}/payments", new { Amount = 10m });
        var authorise = await host.Control($"/_emulator/invoices/{id}/authorise");
        var pay = await host.Control($"/_emulator/invoices/{id}/payments", new { Date = "2026-03-10", Reference = "Card" });
        var paid = await host.Invoice(id);
        var paymentId = pay.Body!.Text("PaymentID");
        var delete = await host.Send(HttpMethod.Delete, $"/_emulator/payments/{paymentId}", null);
        var unpaid = await host.Invoice(id);
        var credit = await host.Control($"/_emulator/invoices/{id}/credit", new { Amount = 40m });
        var credited = await host.Invoice(id);

        Assert.Equal(HttpStatusCode.BadRequest, payDraft.Status);
        Assert.Equal("Payments can only be made against Authorised documents", payDraft.Body!.Text("error"));
        Assert.Equal("AUTHORISED", authorise.Body!["Invoices"]![0]!.Text("Status"));
        Assert.Equal(HttpStatusCode.OK, pay.Status);
        Assert.Equal("PAID", paid.Text("Status"));
        Assert.Equal(paymentId, paid["Payments"]![0]!.Text("PaymentID"));
        Assert.Equal("Card", paid["Payments"]![0]!.Text("Reference"));
        Assert.Equal(100m, paid["Payments"]![0]!.Money("Amount"));
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal("AUTHORISED", unpaid.Text("Status"));
        Assert.Empty(unpaid["Payments"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, credit.Status);
        var creditNote = (await host.Get($"/api.xro/2.0/CreditNotes/{credit.Body!.Text("CreditNoteID")}")).Body!["CreditNotes"]![0]!;
        Assert.Equal("ACCRECCREDIT", creditNote.Text("Type"));
        Assert.Equal(paid["Contact"]!.Text("ContactID"), creditNote["Contact"]!.Text("ContactID"));
        Assert.Equal(40m, credited.Money("AmountCredited"));
        Assert.Equal(60m, credited.Money("AmountDue"));
        Assert.Equal(40m, credited["CreditNotes"]![0]!.Money("AppliedAmount"));
    }

    [Fact]
    public async Task Void_delete_and_edit_follow_Xeros_status_rules()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var draft = await host.AuthorisedInvoice(status: "DRAFT");
        var open = await host.AuthorisedInvoice();
        var withPayment = await host.AuthorisedInvoice();
        await host.Control($"/_emulator/invoices/{withPayment}/payments", new { Amount = 1m });

        var deleteOpen = await host.Control($"/_emulator/invoices/{open}/delete");
        var voidDraft = await host.Control($"/_emulator/invoices/{draft}/void");
        var deleteDraft = await host.Control($"/_emulator/invoices/{draft}/delete");
        var voidPaid = await host.Control($"/_emulator/invoices/{withPayment}/void");
        var edit = await host.Control($"/_emulator/invoices/{open}/edit", new { Reference = "PO-77", DueDate = "2026-05-01" });
        var voidOpen = await host.Control($"/_emulator/invoices/{open}/void");
        var missing = await host.Control($"/_emulator/invoices/{Guid.NewGuid()}/void");

        Assert.Equal("Invoice not of valid status for modification", deleteOpen.Body!.Text("error"));
        Assert.Equal("Invoice not of valid status for modification", voidDraft.Body!.Text("error"));
        Assert.Equal("DELETED", deleteDraft.Body!["Invoices"]![0]!.Text("Status"));
        Assert.Equal("This document cannot be edited as it has a payment or credit note allocated to it.", voidPaid.Body!.Text("error"));
        var edited = edit.Body!["Invoices"]![0]!;
        Assert.Equal("PO-77", edited.Text("Reference"));
        Assert.Equal("2026-05-01T00:00:00", edited.Text("DueDateString"));
        Assert.Equal("VOIDED", voidOpen.Body!["Invoices"]![0]!.Text("Status"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task Editing_a_contact_in_Xero_changes_it_and_fires_its_UPDATE()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var contact = await host.CreateContact(new { Name = "Drift Ltd", EmailAddress = "a@drift.example" });
        var id = contact.Text("ContactID");
        await host.Control("/_emulator/webhooks", new { url = receiver.Url.ToString(), key = WebhookReceiver.Key, categories = new[] { "CONTACT" } });
        host.Time.Advance(TimeSpan.FromMinutes(1));

        var edit = await host.Control($"/_emulator/contacts/{id}/edit", new { Name = "Drift Limited", EmailAddress = "ap@drift.example" });
        host.Time.Advance(TimeSpan.FromMilliseconds(250));
        var post = await receiver.NextAsync();
        var read = (await host.Get($"/api.xro/2.0/Contacts/{id}")).Body!["Contacts"]![0]!;

        Assert.Equal(HttpStatusCode.OK, edit.Status);
        Assert.Equal("Drift Limited", read.Text("Name"));
        Assert.Equal("ap@drift.example", read.Text("EmailAddress"));
        Assert.NotEqual(contact.Text("UpdatedDateUTC"), read.Text("UpdatedDateUTC"));
        var e = Assert.Single(post.Json["events"]!.AsArray())!;
        Assert.Equal(("CONTACT", "UPDATE", id), (e.Text("eventCategory"), e.Text("eventType"), e.Text("resourceId")));
    }

    [Fact]
    public async Task Credit_above_the_amount_due_is_refused_and_leaves_no_credit_note()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var id = await host.AuthorisedInvoice(50m);

        var reply = await host.Control($"/_emulator/invoices/{id}/credit", new { Amount = 60m });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("Credit Note cannot be allocated as amount is greater than amount outstanding", reply.Body!.Text("error"));
        Assert.Empty((await host.Get("/api.xro/2.0/CreditNotes")).Body!["CreditNotes"]!.AsArray());
    }
}
