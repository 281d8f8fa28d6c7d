using System.Globalization;
using D365Xero.Source.Rows;
using D365Xero.Target.Xero.Model;

using D365Xero.Tables;

namespace D365Xero.Mapping;

/// <summary>
/// Sales order + its lines → one ACCREC invoice. Pure: rows and resolved ids in, a decision and
/// payload out. The whole invoice is always computed, with every line that should exist: a line
/// left out (an order line removed in Dynamics) is deleted by Xero (docs/xero-rules.md#x-invoice-line-item-id; waynerobinson/xeroizer#238).
/// </summary>
public static class InvoiceMapper
{
    /// <summary>Reference: the spec gives no maximum; a third-party doc says 255 (docs/xero-rules.md#x-invoice-reference; developer.xero.com/documentation/api/invoices).</summary>
    public const int MaxReference = 255;

    /// <param name="order">The order; a cancelled one gives a DELETED or VOIDED status change.</param>
    /// <param name="lines">All of the order's current lines (salesorderdetail), in any order.</param>
    /// <param name="context">The customer's ContactID, synced item codes, currencies, remembered LineItemIDs and the invoice's Xero state.</param>
    /// <remarks>
    /// Checked in order: cancelled → <see cref="InvoiceCancellation"/>; an invoice paid, deleted or voided in Xero
    /// is skipped (Xero allows no edits then, docs/xero-rules.md#x-invoice-edit-lock; XeroAPI/Xero-NetStandard#84); then every error the order has, together;
    /// then what it waits for (customer, products); then the invoice. InvoiceNumber is never sent:
    /// Xero numbers ACCREC invoices itself and keeps the numbers unique (docs/xero-rules.md#x-invoice-number-unique; developer.xero.com/documentation/api/invoices); the number
    /// it gives is written back to the order.
    /// </remarks>
    public static InvoiceMapping Map(SalesOrderRow order, IReadOnlyList<SalesOrderLineRow> lines, InvoiceContext context)
    {
        if (order.State == SalesOrderState.Canceled) return InvoiceCancellation.Map(context);

        var current = context.XeroStatus?.ToUpperInvariant();
        if (context.AmountPaid > 0 || current == InvoiceStatus.Paid)
        {
            return InvoiceMapping.Skip(
                "The Xero invoice has a payment applied, and Xero allows no changes to it then. " +
                "Changes made to the order since are not sent; a person must raise a credit note in Xero for any that matter.");
        }
        if (current is InvoiceStatus.Deleted or InvoiceStatus.Voided)
        {
            return InvoiceMapping.Skip($"The Xero invoice was {current} in Xero, which is final; the order is no longer sent.");
        }

        var ordered = InvoiceLines.InOrder(lines);

        var errors = Problems(order, ordered, context);
        if (errors.Count > 0) return InvoiceMapping.Fail(string.Join(" ", errors), []);

        var waiting = Dependencies(order, ordered, context);
        if (waiting.Count > 0)
        {
            var parts = new List<string>();
            if (context.CustomerContactId is null) parts.Add("the customer");
            if (waiting.Count(d => d.Table == SyncedTables.Product.Name) is var products and > 0) parts.Add($"{products} product(s)");
            var reason = $"Waiting for {string.Join(" and ", parts)} to reach Xero; the order is sent once they have.";
            return InvoiceMapping.Wait(reason, waiting);
        }

        return Invoice(order, ordered, context);
    }

    /// <summary>Everything about the order a person must fix, all at once, in plain words.</summary>
    private static List<string> Problems(SalesOrderRow order, List<SalesOrderLineRow> lines, InvoiceContext context)
    {
        var errors = new List<string>();
        if (order.Customer is null) errors.Add("The order has no customer.");
        if (order.CurrencyId is not { } currencyId) errors.Add("The order has no currency.");
        else if (!context.CurrencyCodes.ContainsKey(currencyId)) errors.Add($"The order's currency ({currencyId}) has no ISO code in Dynamics.");
        if ((order.SubmitDate ?? order.CreatedOn) is null) errors.Add("The order has neither a submit date nor a created date to date the invoice.");
        if (lines.Count == 0) errors.Add("The order has no lines; a Xero invoice needs at least one.");

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var name = InvoiceLines.Name(line, i);
            // Rule: quantities must be positive; a return or negative quantity belongs on a credit note in Xero, not on an invoice.
            if (line.Quantity is not > 0) errors.Add($"{name} has quantity {line.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}; invoice lines need a quantity above 0.");
            if (line.PricePerUnit is null) errors.Add($"{name} has no price per unit.");
            if (InvoiceLines.IsWriteIn(line) && InvoiceLines.WriteInText(line, []) is null) errors.Add($"{name} is a write-in product without a description; Xero needs one (https://developer.xero.com/documentation/api/accounting/invoices).");
        }
        return errors;
    }

    private static List<Dependency> Dependencies(SalesOrderRow order, List<SalesOrderLineRow> lines, InvoiceContext context)
    {
        var waiting = new List<Dependency>();
        if (context.CustomerContactId is null && order.Customer is { } customer) waiting.Add(new Dependency(customer.Table ?? SyncedTables.Account.Name, customer.Id));
        waiting.AddRange(lines
            .Where(l => !InvoiceLines.IsWriteIn(l) && !context.ItemCodes.ContainsKey(l.ProductId!.Value))
            .Select(l => new Dependency(SyncedTables.Product.Name, l.ProductId!.Value))
            .Distinct());
        return waiting;
    }

    private static InvoiceMapping Invoice(SalesOrderRow order, List<SalesOrderLineRow> lines, InvoiceContext context)
    {
        var options = context.Options;
        var warnings = new List<string>();
        var (items, keys) = InvoiceLines.Build(order, lines, context, warnings);

        if (InvoiceSubTotal.DynamicsBeforeTax(order) is { } dynamicsTotal && InvoiceSubTotal.Expected(items) is var xeroTotal && xeroTotal != dynamicsTotal)
        {
            warnings.Add($"The Xero lines add up to {xeroTotal} before tax, but Dynamics' order total before tax is {dynamicsTotal}.");
        }

        var date = (order.SubmitDate ?? order.CreatedOn)!.Value.UtcDateTime.Date;
        var payload = new XeroInvoice
        {
            InvoiceID = context.InvoiceId,
            Type = "ACCREC",
            // Only the ContactID: any other contact field would update the contact (docs/xero-rules.md#x-invoice-contact-id-only; secondary source, unverified).
            Contact = new XeroContactRef { ContactID = context.CustomerContactId },
            Reference = XeroText.Fit(order.OrderNumber, MaxReference, "Order number", warnings),
            Date = IsoDate(date),
            DueDate = IsoDate(date.AddDays(PaymentTerms.DueDays(order.PaymentTermsCode, options.DefaultDueDays))),
            CurrencyCode = context.CurrencyCodes[order.CurrencyId!.Value],
            Status = InvoiceStatus.ToSend(InvoiceStatus.Wanted(order.State, options.AuthoriseWhen.ToString()), context.XeroStatus),
            // Always explicit, though Exclusive is Xero's default (docs/xero-rules.md#x-invoice-line-amount-types; developer.xero.com/documentation/api/invoices: recommended).
            LineAmountTypes = options.LineAmountTypes.ToString(),
            LineItems = items,
        };
        return InvoiceMapping.Send(FieldMapper.Invoice(payload, context.OrderColumns, options.Mapping.Invoice, context.InvoiceId is not null), warnings, keys);
    }

    /// <summary>Rule: dates are sent as yyyy-MM-dd (docs/xero-rules.md#x-invoice-required-fields; developer.xero.com/documentation/api/invoices; the spec's Date format).</summary>
    private static string IsoDate(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
