using D365Xero.Configuration;
using D365Xero.Mapping;
using D365Xero.Source.Rows;

namespace D365Xero.Tests.Mapping;

public sealed class InvoiceMapperTests
{
    private static readonly Guid Usd = Guid.NewGuid();
    private static readonly Guid Bike = Guid.NewGuid();
    private static readonly Guid Helmet = Guid.NewGuid();
    private static readonly Guid Unsynced = Guid.NewGuid();
    private static readonly Guid CustomerContact = Guid.NewGuid();
    private static readonly Guid InvoiceId = Guid.NewGuid();
    private static readonly DateTimeOffset Created = new(2025, 3, 4, 22, 15, 0, TimeSpan.Zero);

    private static SalesOrderRow Order(SalesOrderState state = SalesOrderState.Active) => new()
    {
        Id = Guid.NewGuid(),
        OrderNumber = "ORD-00042",
        Name = "Spring bikes",
        Customer = new EntityRef("account", Guid.NewGuid()),
        CurrencyId = Usd,
        SubmitDate = new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero),
        PaymentTermsCode = 3,
        State = state,
        CreatedOn = Created,
    };

    private static SalesOrderLineRow Line(int number, Guid? product, decimal quantity, decimal price, decimal? discount = null) => new()
    {
        Id = Guid.NewGuid(),
        ProductId = product,
        Quantity = quantity,
        PricePerUnit = price,
        ManualDiscountAmount = discount,
        BaseAmount = Math.Round(quantity * price, 2, MidpointRounding.AwayFromZero),
        LineItemNumber = number,
        SequenceNumber = number,
        CreatedOn = Created.AddMinutes(number),
    };

    private static SalesOrderLineRow WriteIn(int number, string text, decimal quantity, decimal price, decimal? discount = null) =>
        Line(number, null, quantity, price, discount) with { IsWriteIn = true, ProductDescription = text };

    private static InvoiceContext Context(SyncOptions? options = null, Guid? contact = null, bool noContact = false) => new()
    {
        CustomerContactId = noContact ? null : contact ?? CustomerContact,
        ItemCodes = new Dictionary<Guid, string> { [Bike] = "BIKE-0001", [Helmet] = "PRD-0002" },
        CurrencyCodes = new Dictionary<Guid, string> { [Usd] = "USD" },
        Options = options ?? new SyncOptions(),
    };

    /// <summary>Dynamics' own totals for the order, as its pricing engine sets them (lines − discounts + freight + tax).</summary>
    private static SalesOrderRow WithDynamicsTotals(SalesOrderRow order, IReadOnlyList<SalesOrderLineRow> lines)
    {
        var lineTotal = lines.Sum(l => l.BaseAmount!.Value - (l.ManualDiscountAmount ?? 0));
        var discount = (order.DiscountAmount ?? 0) + Math.Round(lineTotal * (order.DiscountPercentage ?? 0) / 100, 2, MidpointRounding.AwayFromZero);
        var tax = lines.Sum(l => l.Tax ?? 0);
        return order with
        {
            TotalLineItemAmount = lineTotal,
            TotalTax = tax,
            TotalAmount = lineTotal - discount + (order.FreightAmount ?? 0) + tax,
        };
    }

    [Fact]
    public void Maps_the_order_to_an_accrec_draft_invoice()
    {
        var lines = new[] { Line(1, Bike, 1, 499m) };

        var result = InvoiceMapper.Map(Order(), lines, Context());

        Assert.Equal(MappingDecision.Send, result.Decision);
        var invoice = result.Payload!;
        Assert.Equal("ACCREC", invoice.Type);
        Assert.Equal(CustomerContact, invoice.Contact!.ContactID);
        Assert.Equal("ORD-00042", invoice.Reference);
        Assert.Null(invoice.InvoiceNumber);
        Assert.Null(invoice.InvoiceID);
        Assert.Equal(("2025-03-10", "2025-04-24"), (invoice.Date, invoice.DueDate));
        Assert.Equal("USD", invoice.CurrencyCode);
        Assert.Equal("Exclusive", invoice.LineAmountTypes);
        Assert.Equal("DRAFT", invoice.Status);
        Assert.Null(result.Error);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Sends_the_known_invoice_id_and_the_configured_line_amount_types()
    {
        var context = Context(new SyncOptions { LineAmountTypes = LineAmountTypes.Inclusive }) with { InvoiceId = InvoiceId, XeroStatus = "DRAFT" };

        var invoice = InvoiceMapper.Map(Order(), [Line(1, Bike, 1, 499m)], context).Payload!;

        Assert.Equal(InvoiceId, invoice.InvoiceID);
        Assert.Equal("Inclusive", invoice.LineAmountTypes);
    }

    [Fact]
    public void Without_a_submit_date_the_invoice_is_dated_by_creation_and_due_by_the_default_days()
    {
        var order = Order() with { SubmitDate = null, PaymentTermsCode = null };

        var invoice = InvoiceMapper.Map(order, [Line(1, Bike, 1, 499m)], Context(new SyncOptions { DefaultDueDays = 14 })).Payload!;

        Assert.Equal(("2025-03-04", "2025-03-18"), (invoice.Date, invoice.DueDate));
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 30)]
    [InlineData(3, 45)]
    [InlineData(4, 60)]
    [InlineData(99, 21)]
    [InlineData(null, 21)]
    public void Payment_terms_give_the_due_days(int? code, int days)
    {
        Assert.Equal(days, PaymentTerms.DueDays(code, 21));
    }

    [Fact]
    public void A_synced_product_line_carries_its_item_code_quantity_price_and_discount()
    {
        var line = Line(1, Bike, 3, 19.99m, discount: 5m);

        var item = Assert.Single(InvoiceMapper.Map(Order(), [line], Context(new SyncOptions { SalesAccountCode = "201", TaxType = "OUTPUT" })).Payload!.LineItems!);

        Assert.Equal("BIKE-0001", item.ItemCode);
        Assert.Null(item.Description);
        Assert.Equal((3m, 19.99m, 5m), (item.Quantity, item.UnitAmount, item.DiscountAmount));
        Assert.Equal(("201", "OUTPUT"), (item.AccountCode, item.TaxType));
    }

    [Fact]
    public void A_write_in_line_is_sent_as_a_description_line_without_an_item_code()
    {
        var line = WriteIn(1, "Custom fitting service", 1, 80m) with { Description = "On site, two hours" };

        var result = InvoiceMapper.Map(Order(), [line], Context());

        var item = Assert.Single(result.Payload!.LineItems!);
        Assert.Null(item.ItemCode);
        Assert.Equal("Custom fitting service\nOn site, two hours", item.Description);
        Assert.Equal((1m, 80m), (item.Quantity, item.UnitAmount));
    }

    [Fact]
    public void A_write_in_line_without_any_description_is_an_error()
    {
        var line = WriteIn(1, "  ", 1, 80m);

        var result = InvoiceMapper.Map(Order(), [line], Context());

        Assert.Equal(MappingDecision.Fail, result.Decision);
        Assert.Contains("Line 1 is a write-in product without a description", result.Error);
    }

    [Fact]
    public void Lines_follow_the_sequence_number_then_the_line_number()
    {
        var lines = new[]
        {
            Line(2, Helmet, 1, 10m) with { SequenceNumber = 3 },
            Line(9, Bike, 1, 20m) with { SequenceNumber = 1 },
            Line(1, Bike, 1, 30m) with { SequenceNumber = null },
            Line(4, Helmet, 1, 40m) with { SequenceNumber = 3 },
        };

        var result = InvoiceMapper.Map(Order(), lines, Context());

        Assert.Equal([20m, 10m, 40m, 30m], result.Payload!.LineItems!.Select(l => l.UnitAmount!.Value));
        Assert.Equal(new[] { lines[1], lines[0], lines[3], lines[2] }.Select(l => LineKey.Of(l.Id)), result.Lines);
    }

    [Fact]
    public void An_order_with_a_product_not_yet_in_xero_waits_for_it()
    {
        var lines = new[] { Line(1, Bike, 1, 499m), Line(2, Unsynced, 2, 15m) };

        var result = InvoiceMapper.Map(Order(), lines, Context());

        Assert.Equal(MappingDecision.Wait, result.Decision);
        Assert.Null(result.Payload);
        Assert.Null(result.Error);
        Assert.Equal([new Dependency("product", Unsynced)], result.WaitingFor);
        Assert.Contains("1 product(s)", result.Reason);
    }

    [Fact]
    public void An_order_whose_customer_has_no_xero_contact_waits_for_the_customer()
    {
        var order = Order() with { Customer = new EntityRef("contact", Guid.NewGuid()) };

        var result = InvoiceMapper.Map(order, [Line(1, Bike, 1, 499m)], Context(noContact: true));

        Assert.Equal(MappingDecision.Wait, result.Decision);
        Assert.Null(result.Error);
        Assert.Contains("Waiting for the customer", result.Reason);
        Assert.Equal([new Dependency("contact", order.Customer!.Value.Id)], result.WaitingFor);
    }

    [Fact]
    public void The_resolved_contact_id_is_used_whatever_kind_of_customer_the_order_has()
    {
        var parentsContact = Guid.NewGuid();
        var order = Order() with { Customer = new EntityRef("contact", Guid.NewGuid()) };

        var invoice = InvoiceMapper.Map(order, [Line(1, Bike, 1, 499m)], Context(contact: parentsContact)).Payload!;

        Assert.Equal(parentsContact, invoice.Contact!.ContactID);
    }

    [Fact]
    public void Remembered_line_item_ids_are_sent_for_unchanged_lines_and_new_lines_have_none()
    {
        var kept = Line(1, Bike, 1, 499m);
        var added = Line(2, Helmet, 2, 35m);
        var keptId = Guid.NewGuid();
        var discountId = Guid.NewGuid();
        var context = Context() with
        {
            InvoiceId = InvoiceId,
            XeroStatus = "DRAFT",
            LineItemIds = new Dictionary<LineKey, Guid> { [LineKey.Of(kept.Id)] = keptId, [LineKey.OrderDiscount] = discountId },
        };
        var order = Order() with { DiscountAmount = 20m, FreightAmount = 9m };

        var result = InvoiceMapper.Map(order, [kept, added], context);

        var items = result.Payload!.LineItems!;
        Assert.Equal([keptId, null, discountId, null], items.Select(i => i.LineItemID));
        Assert.Equal([LineKey.Of(kept.Id), LineKey.Of(added.Id), LineKey.OrderDiscount, LineKey.Freight], result.Lines);
    }

    [Fact]
    public void A_removed_line_is_simply_not_sent()
    {
        var kept = Line(1, Bike, 1, 499m);
        var removed = Line(2, Helmet, 2, 35m);
        var context = Context() with
        {
            InvoiceId = InvoiceId,
            XeroStatus = "DRAFT",
            LineItemIds = new Dictionary<LineKey, Guid> { [LineKey.Of(kept.Id)] = Guid.NewGuid(), [LineKey.Of(removed.Id)] = Guid.NewGuid() },
        };

        var result = InvoiceMapper.Map(Order(), [kept], context);

        var item = Assert.Single(result.Payload!.LineItems!);
        Assert.Equal(context.LineItemIds[LineKey.Of(kept.Id)], item.LineItemID);
        Assert.Equal([LineKey.Of(kept.Id)], result.Lines);
    }

    [Fact]
    public void Line_discounts_an_order_percentage_discount_and_freight_add_up_to_the_dynamics_total()
    {
        var lines = new[]
        {
            Line(1, Bike, 3, 19.99m, discount: 5.00m) with { Tax = 4.40m },
            Line(2, Helmet, 2, 120.00m) with { Tax = 19.20m },
            WriteIn(3, "Custom fitting service", 1, 75.50m, discount: 0.50m) with { Tax = 6.00m },
        };
        var order = WithDynamicsTotals(Order() with { DiscountPercentage = 10m, FreightAmount = 15.00m }, lines);

        var result = InvoiceMapper.Map(order, lines, Context());

        var items = result.Payload!.LineItems!;
        Assert.Equal(("Order discount", 1m, -37.00m), (items[3].Description, items[3].Quantity, items[3].UnitAmount));
        Assert.Equal(("Freight", 1m, 15.00m), (items[4].Description, items[4].Quantity, items[4].UnitAmount));
        Assert.Equal(347.97m, InvoiceSubTotal.Expected(result.Payload));
        Assert.Equal(order.TotalAmount - order.TotalTax, InvoiceSubTotal.Expected(result.Payload));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void An_order_discount_amount_fractional_quantities_and_freight_add_up_to_the_dynamics_total()
    {
        var lines = new[]
        {
            Line(1, Bike, 2.5m, 13.99m, discount: 1.25m) with { Tax = 2.70m },
            Line(2, Helmet, 7, 4.35m, discount: 3.00m) with { Tax = 2.19m },
            Line(3, Bike, 1, 499.00m, discount: 49.90m) with { Tax = 35.93m },
        };
        var order = WithDynamicsTotals(Order() with { DiscountAmount = 25m, FreightAmount = 12.50m }, lines);

        var invoice = InvoiceMapper.Map(order, lines, Context()).Payload!;

        Assert.Equal(-25m, invoice.LineItems![3].UnitAmount);
        Assert.Equal(order.TotalAmount - order.TotalTax, InvoiceSubTotal.Expected(invoice));
    }

    [Fact]
    public void Both_an_order_discount_amount_and_percentage_are_applied()
    {
        var lines = new[] { Line(1, Bike, 4, 50m) };
        var order = WithDynamicsTotals(Order() with { DiscountAmount = 10m, DiscountPercentage = 5m }, lines);

        var invoice = InvoiceMapper.Map(order, lines, Context()).Payload!;

        Assert.Equal(-20m, invoice.LineItems![1].UnitAmount);
        Assert.Equal(order.TotalAmount - order.TotalTax, InvoiceSubTotal.Expected(invoice));
    }

    [Fact]
    public void Totals_that_do_not_add_up_to_the_dynamics_total_give_a_warning()
    {
        var lines = new[] { Line(1, Bike, 1, 100m) };
        var order = Order() with { TotalAmount = 120m, TotalTax = 10m };

        var result = InvoiceMapper.Map(order, lines, Context());

        Assert.Equal(MappingDecision.Send, result.Decision);
        Assert.Contains(result.Warnings, w => w.Contains("add up to 100") && w.Contains("110"));
    }

    [Fact]
    public void An_order_without_discount_or_freight_has_no_such_lines()
    {
        var result = InvoiceMapper.Map(Order() with { DiscountAmount = 0m, FreightAmount = 0m }, [Line(1, Bike, 1, 499m)], Context());

        Assert.Single(result.Payload!.LineItems!);
    }

    [Theory]
    [InlineData("DRAFT")]
    [InlineData("SUBMITTED")]
    public void A_cancelled_order_deletes_its_draft_or_submitted_invoice(string status)
    {
        var context = Context() with { InvoiceId = InvoiceId, XeroStatus = status };

        var result = InvoiceMapper.Map(Order(SalesOrderState.Canceled), [Line(1, Bike, 1, 499m)], context);

        Assert.Equal(MappingDecision.Send, result.Decision);
        Assert.Equal((InvoiceId, "DELETED"), (result.Payload!.InvoiceID, result.Payload.Status));
        Assert.Null(result.Payload.LineItems);
    }

    [Fact]
    public void A_cancelled_order_voids_its_authorised_invoice()
    {
        var context = Context() with { InvoiceId = InvoiceId, XeroStatus = "AUTHORISED" };

        var result = InvoiceMapper.Map(Order(SalesOrderState.Canceled), [Line(1, Bike, 1, 499m)], context);

        Assert.Equal((InvoiceId, "VOIDED"), (result.Payload!.InvoiceID, result.Payload.Status));
    }

    [Theory]
    [InlineData("PAID", 0)]
    [InlineData("AUTHORISED", 50)]
    public void A_cancelled_order_with_a_paid_invoice_is_an_error_asking_for_a_credit_note(string status, decimal paid)
    {
        var context = Context() with { InvoiceId = InvoiceId, XeroStatus = status, AmountPaid = paid };

        var result = InvoiceMapper.Map(Order(SalesOrderState.Canceled), [Line(1, Bike, 1, 499m)], context);

        Assert.Equal(MappingDecision.Fail, result.Decision);
        Assert.Null(result.Payload);
        Assert.Contains("credit note", result.Error);
    }

    [Fact]
    public void An_order_cancelled_before_it_reached_xero_needs_nothing()
    {
        var result = InvoiceMapper.Map(Order(SalesOrderState.Canceled), [Line(1, Unsynced, 1, 499m)], Context(noContact: true));

        Assert.Equal(MappingDecision.Skip, result.Decision);
        Assert.Contains("before it reached Xero", result.Reason);
    }

    [Fact]
    public void A_cancelled_order_whose_invoice_status_is_unknown_is_not_guessed()
    {
        var result = InvoiceMapper.Map(Order(SalesOrderState.Canceled), [], Context() with { InvoiceId = InvoiceId });

        Assert.Equal(MappingDecision.Fail, result.Decision);
        Assert.Contains("status is not known", result.Error);
    }

    [Fact]
    public void Changes_to_an_order_whose_invoice_is_paid_are_not_sent()
    {
        var context = Context() with { InvoiceId = InvoiceId, XeroStatus = "PAID" };

        var result = InvoiceMapper.Map(Order(SalesOrderState.Invoiced), [Line(1, Bike, 1, 499m)], context);

        Assert.Equal(MappingDecision.Skip, result.Decision);
        Assert.Contains("credit note", result.Reason);
    }

    [Theory]
    [InlineData(SalesOrderState.Active, "DRAFT")]
    [InlineData(SalesOrderState.Submitted, "DRAFT")]
    [InlineData(SalesOrderState.Fulfilled, "AUTHORISED")]
    [InlineData(SalesOrderState.Invoiced, "AUTHORISED")]
    public void Authorise_when_fulfilled_authorises_fulfilled_and_invoiced_orders(SalesOrderState state, string status)
    {
        var invoice = InvoiceMapper.Map(Order(state), [Line(1, Bike, 1, 499m)], Context(new SyncOptions { AuthoriseWhen = AuthoriseWhen.Fulfilled })).Payload!;

        Assert.Equal(status, invoice.Status);
    }

    [Theory]
    [InlineData(SalesOrderState.Fulfilled, "DRAFT")]
    [InlineData(SalesOrderState.Invoiced, "AUTHORISED")]
    public void Authorise_when_invoiced_authorises_only_invoiced_orders(SalesOrderState state, string status)
    {
        var invoice = InvoiceMapper.Map(Order(state), [Line(1, Bike, 1, 499m)], Context(new SyncOptions { AuthoriseWhen = AuthoriseWhen.Invoiced })).Payload!;

        Assert.Equal(status, invoice.Status);
    }

    [Fact]
    public void By_default_invoices_stay_draft_even_for_invoiced_orders()
    {
        Assert.Equal("DRAFT", InvoiceMapper.Map(Order(SalesOrderState.Invoiced), [Line(1, Bike, 1, 499m)], Context()).Payload!.Status);
    }

    [Theory]
    [InlineData("AUTHORISED", "AUTHORISED")]
    [InlineData("SUBMITTED", "SUBMITTED")]
    [InlineData("DRAFT", "DRAFT")]
    public void An_invoice_is_never_moved_back_from_the_status_it_has_in_xero(string current, string sent)
    {
        var context = Context() with { InvoiceId = InvoiceId, XeroStatus = current };

        Assert.Equal(sent, InvoiceMapper.Map(Order(), [Line(1, Bike, 1, 499m)], context).Payload!.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_line_without_a_positive_quantity_is_an_error(decimal quantity)
    {
        var result = InvoiceMapper.Map(Order(), [Line(1, Bike, quantity, 499m)], Context());

        Assert.Equal(MappingDecision.Fail, result.Decision);
        Assert.Contains("Line 1 has quantity", result.Error);
        Assert.Contains("above 0", result.Error);
    }

    [Fact]
    public void A_line_without_a_price_is_an_error()
    {
        var result = InvoiceMapper.Map(Order(), [Line(1, Bike, 1, 499m) with { PricePerUnit = null }], Context());

        Assert.Equal(MappingDecision.Fail, result.Decision);
        Assert.Contains("Line 1 has no price per unit", result.Error);
    }

    [Fact]
    public void An_order_without_lines_is_an_error()
    {
        var result = InvoiceMapper.Map(Order(), [], Context());

        Assert.Equal(MappingDecision.Fail, result.Decision);
        Assert.Contains("no lines", result.Error);
    }

    [Fact]
    public void An_order_without_a_currency_is_an_error()
    {
        var result = InvoiceMapper.Map(Order() with { CurrencyId = null }, [Line(1, Bike, 1, 499m)], Context());

        Assert.Equal(MappingDecision.Fail, result.Decision);
        Assert.Contains("no currency", result.Error);
    }

    [Fact]
    public void Errors_come_before_waiting_so_a_person_sees_them_at_once()
    {
        var result = InvoiceMapper.Map(Order() with { CurrencyId = null }, [Line(1, Unsynced, 0, 5m)], Context(noContact: true));

        Assert.Equal(MappingDecision.Fail, result.Decision);
        Assert.Contains("no currency", result.Error);
        Assert.Contains("quantity", result.Error);
    }

    [Fact]
    public void A_price_with_more_than_two_decimals_is_rounded_with_a_warning()
    {
        var line = Line(1, Bike, 1, 10.005m);

        var result = InvoiceMapper.Map(Order(), [line], Context());

        Assert.Equal(10.01m, result.Payload!.LineItems![0].UnitAmount);
        Assert.Contains(result.Warnings, w => w.Contains("Line 1 price"));
    }
}
