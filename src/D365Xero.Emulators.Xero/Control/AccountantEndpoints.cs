using System.Text.Json;
using D365Xero.Emulators.Xero.Common;
using D365Xero.Emulators.Xero.Contacts;
using D365Xero.Emulators.Xero.CreditNotes;
using D365Xero.Emulators.Xero.Invoices;
using D365Xero.Emulators.Xero.Organisation;
using D365Xero.Emulators.Xero.Payments;

namespace D365Xero.Emulators.Xero.Control;

/// <summary>
/// Test-only: what an accountant does in Xero's web app to an invoice the connector wrote, and to a contact.
/// Each goes through the same books and rules as the API (InvoiceLedger, PaymentLedger, CreditNoteBook,
/// ContactBook), so each fires the webhooks Xero would. Answers 404 for an unknown id, 400 {"error","errors"}
/// when Xero would refuse, else 200.
/// </summary>
internal static class AccountantEndpoints
{
    private static readonly JsonSerializerOptions Relaxed = new(JsonSerializerDefaults.Web);

    public static void MapAccountant(this WebApplication app, ControlSurface s)
    {
        var org = s.Organisation;
        app.MapPost("/_emulator/invoices/{id:guid}/authorise", (Guid id) => ChangeInvoice(s, id, new Invoice { Status = "AUTHORISED" }));
        app.MapPost("/_emulator/invoices/{id:guid}/void", (Guid id) => ChangeInvoice(s, id, new Invoice { Status = "VOIDED" }));
        app.MapPost("/_emulator/invoices/{id:guid}/delete", (Guid id) => ChangeInvoice(s, id, new Invoice { Status = "DELETED" }));
        app.MapPost("/_emulator/invoices/{id:guid}/edit", async (HttpContext ctx, Guid id) =>
        {
            var edit = await Read<InvoiceEdit>(ctx) ?? new InvoiceEdit(null, null);
            return ChangeInvoice(s, id, new Invoice { Reference = edit.Reference, DueDate = edit.DueDate });
        });

        // A payment into the first bank account: Amount (default the whole amount due), Date (default today), Reference.
        app.MapPost("/_emulator/invoices/{id:guid}/payments", async (HttpContext ctx, Guid id) =>
        {
            var request = await Read<PaymentRequest>(ctx) ?? new PaymentRequest(null, null, null);
            lock (org.Sync)
            {
                if (org.Invoices.Find(id) is not { } invoice) return Results.NotFound();
                var now = s.Time.GetUtcNow();
                var bank = org.Settings.Accounts.FirstOrDefault(a => a.Type == "BANK" && a.Status == "ACTIVE");
                var outcome = org.Payments.Create(new Payment
                {
                    Invoice = new Invoice { InvoiceID = id },
                    Account = new PaymentAccount { Code = bank?.Code },
                    Amount = request.Amount ?? invoice.AmountDue,
                    Date = request.Date ?? PaymentLedger.Today(now),
                    Reference = request.Reference,
                }, now);
                return outcome.Failed ? Refused(outcome.Errors) : Results.Ok(Settled(outcome.Element.PaymentID, "PaymentID", invoice));
            }
        });

        app.MapDelete("/_emulator/payments/{paymentId:guid}", (Guid paymentId) =>
        {
            lock (org.Sync)
            {
                if (org.Payments.Find(paymentId) is not { } payment) return Results.NotFound();
                var outcome = org.Payments.Delete(payment, new Payment { Status = "DELETED" }, s.Time.GetUtcNow());
                if (outcome.Failed) return Refused(outcome.Errors);
                var invoice = org.Invoices.Find(payment.Invoice!.InvoiceID!.Value)!;
                return Results.Ok(Settled(paymentId, "PaymentID", invoice));
            }
        });

        // An AUTHORISED credit note for the invoice's contact, allocated to the invoice: Amount (default the whole amount due).
        app.MapPost("/_emulator/invoices/{id:guid}/credit", async (HttpContext ctx, Guid id) =>
        {
            var request = await Read<CreditRequest>(ctx) ?? new CreditRequest(null, null);
            lock (org.Sync)
            {
                if (org.Invoices.Find(id) is not { } invoice) return Results.NotFound();
                var now = s.Time.GetUtcNow();
                var amount = request.Amount ?? invoice.AmountDue ?? 0;
                // Checked before the credit note exists, so a refusal leaves nothing behind.
                var precheck = new List<string>();
                if (invoice.Status == "PAID") precheck.Add(CreditNoteRules.InvoicePaidOff);
                else if (invoice.Status != "AUTHORISED") precheck.Add(CreditNoteRules.InvoiceNotAuthorised);
                else if (amount > invoice.AmountDue) precheck.Add(CreditNoteRules.ExceedsInvoice);
                if (amount <= 0) precheck.Add(CreditNoteRules.AmountRequired);
                if (precheck.Count > 0) return Refused(precheck);

                var today = request.Date ?? PaymentLedger.Today(now);
                var created = org.CreditNotes.Create(new CreditNote
                {
                    Type = invoice.Type == "ACCPAY" ? "ACCPAYCREDIT" : "ACCRECCREDIT",
                    Contact = new Contact { ContactID = invoice.Contact!.ContactID },
                    Status = "AUTHORISED",
                    Date = today,
                    CurrencyCode = invoice.CurrencyCode,
                    LineAmountTypes = "NoTax",
                    Reference = invoice.InvoiceNumber,
                    LineItems = [new LineItem
                    {
                        Description = $"Credit for {invoice.InvoiceNumber}", Quantity = 1, UnitAmount = amount,
                        AccountCode = invoice.LineItems?.FirstOrDefault(l => l.AccountCode is not null)?.AccountCode ?? "200", TaxType = "NONE",
                    }],
                }, now);
                if (created.Failed) return Refused(created.Errors);
                var note = org.CreditNotes.Find(created.Element.CreditNoteID!.Value)!;
                var allocated = org.CreditNotes.Allocate(note, new Allocation { Invoice = new Invoice { InvoiceID = id }, Amount = amount, Date = today }, now);
                return allocated.Failed ? Refused(allocated.Errors) : Results.Ok(Settled(note.CreditNoteID, "CreditNoteID", invoice));
            }
        });

        // A contact renamed or its email changed in Xero: the drift the connector's reconcile reports.
        app.MapPost("/_emulator/contacts/{id:guid}/edit", async (HttpContext ctx, Guid id) =>
        {
            var edit = await Read<ContactEdit>(ctx) ?? new ContactEdit(null, null);
            lock (org.Sync)
            {
                if (org.Contacts.Find(id) is not { } contact) return Results.NotFound();
                var outcome = org.Contacts.Update(contact, new Contact { Name = edit.Name, EmailAddress = edit.EmailAddress }, s.Time.GetUtcNow());
                return outcome.Failed ? Refused(outcome.Errors) : ApiReply.Json(200, Envelope.Of("Contacts", new[] { outcome.Element }, s.Time.GetUtcNow())).ToResult();
            }
        });
    }

    private static IResult ChangeInvoice(ControlSurface s, Guid id, Invoice patch)
    {
        var org = s.Organisation;
        lock (org.Sync)
        {
            if (org.Invoices.Find(id) is not { } invoice) return Results.NotFound();
            // Rule: the same status rules as the API (docs/xero-rules.md#x-invoice-status-transitions, #x-invoice-edit-lock).
            var outcome = org.Invoices.Update(invoice, patch, s.Time.GetUtcNow());
            return outcome.Failed ? Refused(outcome.Errors) : ApiReply.Json(200, Envelope.Of("Invoices", new[] { outcome.Element }, s.Time.GetUtcNow())).ToResult();
        }
    }

    private static Dictionary<string, object?> Settled(Guid? id, string idName, Invoice invoice) => new()
    {
        [idName] = id,
        ["InvoiceID"] = invoice.InvoiceID,
        ["Status"] = invoice.Status,
        ["AmountDue"] = invoice.AmountDue,
        ["AmountPaid"] = invoice.AmountPaid,
        ["AmountCredited"] = invoice.AmountCredited,
    };

    private static IResult Refused(IReadOnlyList<string> errors) => Results.BadRequest(new { error = string.Join(" ", errors), errors });

    private static async Task<T?> Read<T>(HttpContext ctx) where T : class
    {
        try
        {
            return ctx.Request.ContentLength is 0 ? null : await JsonSerializer.DeserializeAsync<T>(ctx.Request.Body, Relaxed, ctx.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record InvoiceEdit(string? Reference, string? DueDate);

    private sealed record CreditRequest(decimal? Amount, string? Date);

    private sealed record ContactEdit(string? Name, string? EmailAddress);
}
