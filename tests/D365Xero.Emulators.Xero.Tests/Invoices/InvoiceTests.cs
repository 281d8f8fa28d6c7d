using System.Net;
using System.Text.Json.Nodes;
using D365Xero.Emulators.Xero.Tests.Support;

namespace D365Xero.Emulators.Xero.Tests.Invoices;

public sealed class InvoiceTests
{
    private const string Invoices = "/api.xro/2.0/Invoices";

    // Tax-exempt, so totals here are the lines' amounts (account 200's own default, OUTPUT, is ReferenceRulesTests').
    private static object Line(decimal qty = 1, decimal unit = 100) => new { Description = "Widget", Quantity = qty, UnitAmount = unit, AccountCode = "200", TaxType = "NONE" };

    [Fact]
    public async Task Numbers_are_generated_when_absent_and_must_be_unique_for_ACCREC()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var first = await host.CreateInvoice(new { Type = "ACCREC", Contact = new { Name = "Fabrikam, Inc." }, LineItems = new[] { Line() } });
        var second = await host.CreateInvoice(new { Type = "ACCREC", Contact = new { Name = "Fabrikam, Inc." }, LineItems = new[] { Line() } });

        var duplicate = await host.Put(Invoices, new { Invoices = new[] { new { Type = "ACCREC", InvoiceNumber = "INV-0001", Contact = new { Name = "Fabrikam, Inc." }, LineItems = new[] { Line() } } } });
        var bill = await host.Put(Invoices, new { Invoices = new[] { new { Type = "ACCPAY", InvoiceNumber = "INV-0001", Contact = new { Name = "Fabrikam, Inc." }, LineItems = new[] { Line() } } } });

        Assert.Equal("INV-0001", first["InvoiceNumber"]!.GetValue<string>());
        Assert.Equal("INV-0002", second["InvoiceNumber"]!.GetValue<string>());
        Assert.Equal(["Invoice # must be unique."], duplicate.Messages());
        Assert.Equal(HttpStatusCode.OK, bill.Status);
    }

    [Fact]
    public async Task Contact_must_be_identified()
    {
        await using var host = await XeroTestHost.StartAsync();
        var reply = await host.Put(Invoices, new { Invoices = new[] { new { Type = "ACCREC", Contact = new { EmailAddress = "x@y.z" }, LineItems = new[] { Line() } } } });

        Assert.Equal(["The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber"], reply.Messages());
    }

    [Fact]
    public async Task Archived_contact_cannot_be_invoiced()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var archived = (await host.Get("/api.xro/2.0/Contacts?includeArchived=true&searchTerm=Old")).Body!["Contacts"]![0]!;

        var reply = await host.Put(Invoices, new { Invoices = new[] { new { Type = "ACCREC", Contact = new { ContactID = archived["ContactID"]!.GetValue<string>() }, LineItems = new[] { Line() } } } });

        Assert.Equal(["The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes."], reply.Messages());
    }

    [Fact]
    public async Task Line_items_must_name_existing_items_and_accounts()
    {
        await using var host = await XeroTestHost.StartAsync();
        var reply = await host.Put(Invoices, new
        {
            Invoices = new[] { new { Type = "ACCREC", Contact = new { Name = "C" }, LineItems = new object[] { new { ItemCode = "NOPE" }, new { Description = "x", AccountCode = "999" } } } },
        });

        Assert.Equal(["Item code 'NOPE' is not valid.", "Account code '999' is not a valid code for this document."], reply.Messages());
    }

    [Fact]
    public async Task Discounts_are_for_ACCREC_only()
    {
        await using var host = await XeroTestHost.StartAsync();
        var reply = await host.Put(Invoices, new
        {
            Invoices = new[] { new { Type = "ACCPAY", Contact = new { Name = "Supplier" }, LineItems = new[] { new { Description = "x", Quantity = 1.0, UnitAmount = 10.0, DiscountRate = 10.0 } } } },
        });

        Assert.Equal(["Discounts are only supported on ACCREC invoices."], reply.Messages());
    }

    [Fact]
    public async Task Totals_round_tax_per_line_and_apply_discounts()
    {
        await using var host = await XeroTestHost.StartAsync();
        var invoice = await host.CreateInvoice(new
        {
            Type = "ACCREC",
            Contact = new { Name = "Totals" },
            LineAmountTypes = "Exclusive",
            LineItems = new object[]
            {
                new { Description = "rate", Quantity = 3.0, UnitAmount = 3.33, DiscountRate = 10.0, AccountCode = "200", TaxType = "OUTPUT" },
                new { Description = "amount", Quantity = 2.0, UnitAmount = 50.0, DiscountAmount = 5.0, AccountCode = "260" },
                new { Description = "untaxed", Quantity = 1.0, UnitAmount = 0.05, AccountCode = "200", TaxType = "NONE" },
            },
        });

        var lines = invoice["LineItems"]!.AsArray();
        Assert.Equal(8.99m, lines[0]!["LineAmount"]!.GetValue<decimal>());   // 9.99 × 0.9 = 8.991
        Assert.Equal(0.90m, lines[0]!["TaxAmount"]!.GetValue<decimal>());    // 0.8991
        Assert.Equal(95m, lines[1]!["LineAmount"]!.GetValue<decimal>());
        Assert.Equal("OUTPUT", lines[1]!["TaxType"]!.GetValue<string>());    // account 260's default
        Assert.Equal(9.5m, lines[1]!["TaxAmount"]!.GetValue<decimal>());
        Assert.Equal("NONE", lines[2]!["TaxType"]!.GetValue<string>());
        Assert.Equal(104.04m, invoice["SubTotal"]!.GetValue<decimal>());
        Assert.Equal(10.40m, invoice["TotalTax"]!.GetValue<decimal>());
        Assert.Equal(114.44m, invoice["Total"]!.GetValue<decimal>());
        Assert.Equal(114.44m, invoice["AmountDue"]!.GetValue<decimal>());
        Assert.Equal(0m, invoice["AmountPaid"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Inclusive_amounts_carry_their_tax_inside()
    {
        await using var host = await XeroTestHost.StartAsync();
        var invoice = await host.CreateInvoice(new
        {
            Type = "ACCREC", Contact = new { Name = "Incl" }, LineAmountTypes = "Inclusive",
            LineItems = new[] { new { Description = "x", Quantity = 1.0, UnitAmount = 110.0, AccountCode = "260" } },
        });

        Assert.Equal(100m, invoice["SubTotal"]!.GetValue<decimal>());
        Assert.Equal(10m, invoice["TotalTax"]!.GetValue<decimal>());
        Assert.Equal(110m, invoice["Total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Item_code_fills_the_line_from_the_items_sales_details()
    {
        await using var host = await XeroTestHost.StartAsync(seed: "demo");
        var invoice = await host.CreateInvoice(new { Type = "ACCREC", Contact = new { Name = "Fabrikam, Inc." }, LineItems = new[] { new { ItemCode = "BIKE-0001", Quantity = 2.0 } } });

        var line = invoice["LineItems"]![0]!;
        Assert.Equal(499m, line["UnitAmount"]!.GetValue<decimal>());
        Assert.Equal("200", line["AccountCode"]!.GetValue<string>());
        Assert.Equal("Mountain Bike", line["Item"]!["Name"]!.GetValue<string>());
        Assert.Equal(998m, invoice["Total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Update_keeps_sent_LineItemIDs_recreates_lines_without_them_and_deletes_omitted_lines()
    {
        await using var host = await XeroTestHost.StartAsync();
        var invoice = await host.CreateInvoice(new { Type = "ACCREC", Contact = new { Name = "Lines" }, LineItems = new[] { Line(1, 10), Line(1, 20), Line(1, 30) } });
        var ids = invoice["LineItems"]!.AsArray().Select(l => l!["LineItemID"]!.GetValue<string>()).ToArray();

        var reply = await host.Post($"{Invoices}/{invoice["InvoiceID"]}", new
        {
            Invoices = new[]
            {
                new
                {
                    LineItems = new object[]
                    {
                        new { LineItemID = ids[0], Description = "kept", Quantity = 1.0, UnitAmount = 11.0, AccountCode = "200", TaxType = "NONE" },
                        new { Description = "new", Quantity = 1.0, UnitAmount = 5.0, AccountCode = "200", TaxType = "NONE" },
                    },
                },
            },
        });

        var lines = reply.Body!["Invoices"]![0]!["LineItems"]!.AsArray();
        Assert.Equal(2, lines.Count);
        Assert.Equal(ids[0], lines[0]!["LineItemID"]!.GetValue<string>());
        Assert.DoesNotContain(lines[1]!["LineItemID"]!.GetValue<string>(), ids);
        Assert.Equal(16m, reply.Body["Invoices"]![0]!["Total"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("DRAFT", "SUBMITTED")]
    [InlineData("DRAFT", "AUTHORISED")]
    [InlineData("DRAFT", "DELETED")]
    [InlineData("SUBMITTED", "DRAFT")]
    [InlineData("SUBMITTED", "AUTHORISED")]
    [InlineData("SUBMITTED", "DELETED")]
    [InlineData("AUTHORISED", "VOIDED")]
    public async Task Allowed_status_transitions_succeed(string from, string to)
    {
        await using var host = await XeroTestHost.StartAsync();
        var invoice = await host.CreateInvoice(new { Type = "ACCREC", Status = from, Contact = new { Name = "S" }, LineItems = new[] { Line() } });

        var reply = await MoveTo(host, invoice, to);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(to, reply.Body!["Invoices"]![0]!["Status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("AUTHORISED", "DRAFT")]
    [InlineData("AUTHORISED", "DELETED")]
    [InlineData("AUTHORISED", "SUBMITTED")]
    [InlineData("DRAFT", "VOIDED")]
    [InlineData("DRAFT", "PAID")]
    public async Task Other_status_transitions_are_refused(string from, string to)
    {
        await using var host = await XeroTestHost.StartAsync();
        var invoice = await host.CreateInvoice(new { Type = "ACCREC", Status = from, Contact = new { Name = "S" }, LineItems = new[] { Line() } });

        var reply = await MoveTo(host, invoice, to);

        Assert.Equal(["Invoice not of valid status for modification"], reply.Messages());
    }

    [Fact]
    public async Task Deleted_and_voided_invoices_are_terminal()
    {
        await using var host = await XeroTestHost.StartAsync();
        var invoice = await host.CreateInvoice(new { Type = "ACCREC", Contact = new { Name = "S" }, LineItems = new[] { Line() } });
        await MoveTo(host, invoice, "DELETED");

        var reply = await MoveTo(host, invoice, "DRAFT");

        Assert.Equal(["Invoice not of valid status for modification"], reply.Messages());
    }

    [Fact]
    public async Task A_payment_locks_the_invoice_against_edits_and_voiding_and_full_payment_makes_it_PAID()
    {
        await using var host = await XeroTestHost.StartAsync();
        var invoice = await host.CreateInvoice(new { Type = "ACCREC", Status = "AUTHORISED", Contact = new { Name = "Payer" }, LineItems = new[] { Line(1, 100) } });
        var id = invoice["InvoiceID"]!.GetValue<string>();
        var editable = await host.Post($"{Invoices}/{id}", new { Invoices = new[] { new { Reference = "before payment" } } });

        var paid = await host.Post($"/_emulator/invoices/{id}/payments", new { Amount = 40.0 });
        var edit = await host.Post($"{Invoices}/{id}", new { Invoices = new[] { new { Reference = "after payment" } } });
        var voiding = await MoveTo(host, invoice, "VOIDED");
        await host.Post($"/_emulator/invoices/{id}/payments", new { Amount = 60.0 });
        var final = (await host.Get($"{Invoices}/{id}")).Body!["Invoices"]![0]!;

        Assert.Equal(HttpStatusCode.OK, editable.Status);
        Assert.Equal(60m, paid.Body!["AmountDue"]!.GetValue<decimal>());
        Assert.True(Guid.TryParse(paid.Body!["PaymentID"]!.GetValue<string>(), out _));
        Assert.Equal(["This document cannot be edited as it has a payment or credit note allocated to it."], edit.Messages());
        Assert.Equal(["This document cannot be edited as it has a payment or credit note allocated to it."], voiding.Messages());
        Assert.Equal("PAID", final["Status"]!.GetValue<string>());
        Assert.Equal(100m, final["AmountPaid"]!.GetValue<decimal>());
        Assert.Equal(0m, final["AmountDue"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Payments_apply_only_to_authorised_invoices()
    {
        await using var host = await XeroTestHost.StartAsync();
        var draft = await host.CreateInvoice(new { Type = "ACCREC", Contact = new { Name = "Draft" }, LineItems = new[] { Line() } });

        var reply = await host.Post($"/_emulator/invoices/{draft["InvoiceID"]}/payments", new { Amount = 1.0 });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }

    [Fact]
    public async Task List_filters_by_numbers_statuses_contacts_and_search_term_and_pages_carry_lines()
    {
        await using var host = await XeroTestHost.StartAsync();
        var a = await host.CreateInvoice(new { Type = "ACCREC", Reference = "SO-100", Contact = new { Name = "A" }, LineItems = new[] { Line() } });
        await host.CreateInvoice(new { Type = "ACCREC", Status = "AUTHORISED", Reference = "SO-200", Contact = new { Name = "B" }, LineItems = new[] { Line() } });

        static IEnumerable<string> Numbers(Reply r) => r.Body!["Invoices"]!.AsArray().Select(i => i!["InvoiceNumber"]!.GetValue<string>());
        Assert.Equal(["INV-0001"], Numbers(await host.Get($"{Invoices}?InvoiceNumbers=INV-0001")));
        Assert.Equal(["INV-0002"], Numbers(await host.Get($"{Invoices}?Statuses=AUTHORISED")));
        Assert.Equal(["INV-0001"], Numbers(await host.Get($"{Invoices}?ContactIDs={a["Contact"]!["ContactID"]}")));
        Assert.Equal(["INV-0002"], Numbers(await host.Get($"{Invoices}?searchTerm=SO-2")));
        Assert.Equal(["INV-0001"], Numbers(await host.Get($"{Invoices}?IDs={a["InvoiceID"]}")));
        Assert.Null((await host.Get(Invoices)).Body!["Invoices"]![0]!["LineItems"]);
        Assert.NotNull((await host.Get($"{Invoices}?page=1")).Body!["Invoices"]![0]!["LineItems"]);
        Assert.Equal("SO-100", (await host.Get($"{Invoices}/INV-0001")).Body!["Invoices"]![0]!["Reference"]!.GetValue<string>());
    }

    private static Task<Reply> MoveTo(XeroTestHost host, JsonNode invoice, string status) =>
        host.Post(Invoices, new { Invoices = new[] { new { InvoiceID = invoice["InvoiceID"]!.GetValue<string>(), Status = status } } });
}
