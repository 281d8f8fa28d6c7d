using D365Xero.Configuration;
using D365Xero.Mapping;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Tests.Mapping;

/// <summary>A cancelled order whose invoice is paid: a person is told to credit it, or with Sync:CreditPaidCancellations the connector does.</summary>
public sealed class InvoiceCreditTests
{
    private static readonly Guid InvoiceId = Guid.Parse("11111111-2222-4333-8444-555555555555");
    private static readonly Guid ContactId = Guid.Parse("66666666-2222-4333-8444-555555555555");

    private static InvoiceContext Context(bool credit, XeroInvoice? current = null, string? creditedBy = null) => new()
    {
        CustomerContactId = ContactId, ItemCodes = new Dictionary<Guid, string>(), CurrencyCodes = new Dictionary<Guid, string>(),
        Options = new SyncOptions { CreditPaidCancellations = credit },
        InvoiceId = InvoiceId, XeroStatus = current?.Status ?? "AUTHORISED", AmountPaid = current?.AmountPaid ?? 40m,
        Current = current, CreditedBy = creditedBy,
    };

    private static XeroInvoice PartPaid => new()
    {
        InvoiceID = InvoiceId, InvoiceNumber = "INV-0009", Reference = "ORD-77", Status = "AUTHORISED", CurrencyCode = "GBP",
        Contact = new XeroContactRef { ContactID = ContactId }, Total = 115m, AmountPaid = 40m, AmountDue = 75m, AmountCredited = 0m,
        LineItems = [new XeroLineItem { AccountCode = "260", UnitAmount = 100m, Quantity = 1m }],
    };

    [Fact]
    public void By_default_a_person_is_asked_to_credit_it()
    {
        var mapping = InvoiceCancellation.Map(Context(credit: false));
        Assert.Equal(MappingDecision.Fail, mapping.Decision);
        Assert.Contains("Raise a credit note", mapping.Error);
        Assert.Contains("Sync__CreditPaidCancellations=true", mapping.Error);
    }

    [Fact]
    public void When_configured_the_credit_waits_for_the_invoice_to_be_read()
    {
        var mapping = InvoiceCancellation.Map(Context(credit: true));
        Assert.Equal(MappingDecision.Send, mapping.Decision);
        Assert.NotNull(mapping.Credit);
        Assert.Null(mapping.Credit!.Note);
    }

    [Fact]
    public void The_credit_note_covers_what_the_invoice_stands_for_and_settles_what_is_due()
    {
        var credit = InvoiceCancellation.Map(Context(credit: true, PartPaid)).Credit!;

        var note = credit.Note!;
        Assert.Equal("ACCRECCREDIT", note.Type);
        Assert.Equal("AUTHORISED", note.Status);
        Assert.Equal(ContactId, note.Contact!.ContactID);
        Assert.Equal("GBP", note.CurrencyCode);
        Assert.Equal("Inclusive", note.LineAmountTypes);
        var line = Assert.Single(note.LineItems!);
        Assert.Equal(115m, line.UnitAmount);
        Assert.Equal("260", line.AccountCode);
        Assert.Equal(75m, credit.Allocate); // the paid 40 stays as credit to refund
    }

    [Fact]
    public void A_fully_paid_invoice_is_credited_in_full_with_nothing_to_allocate()
    {
        var paid = PartPaid with { Status = "PAID", AmountPaid = 115m, AmountDue = 0m };
        var credit = InvoiceCancellation.Map(Context(credit: true, paid)).Credit!;
        Assert.Equal(115m, credit.Note!.LineItems![0].UnitAmount);
        Assert.Equal(0m, credit.Allocate);
    }

    [Fact]
    public void An_invoice_credited_before_is_never_credited_again()
    {
        var mapping = InvoiceCancellation.Map(Context(credit: true, PartPaid, creditedBy: "CN-0003"));
        Assert.Equal(MappingDecision.Skip, mapping.Decision);
        Assert.Contains("CN-0003", mapping.Reason);
    }
}
