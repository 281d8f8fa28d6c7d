using D365Xero.Source.Rows;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Mapping;

/// <summary>
/// An order's lines as Xero invoice lines: one per order line, then the order discount and the
/// freight, each with its <see cref="LineKey"/> and the LineItemID Xero gave it last time.
/// </summary>
public static class InvoiceLines
{
    /// <summary>Line Description ≤ 4000 (docs/xero-rules.md#x-invoice-line-description; developer.xero.com/documentation/api/invoices).</summary>
    public const int MaxDescription = 4000;

    public const string OrderDiscountText = "Order discount";
    public const string FreightText = "Freight";

    /// <summary>Sequence number, then line number, then creation, then id: the order Dynamics shows, made total.</summary>
    public static List<SalesOrderLineRow> InOrder(IEnumerable<SalesOrderLineRow> lines) => lines
        .OrderBy(l => l.SequenceNumber ?? int.MaxValue)
        .ThenBy(l => l.LineItemNumber ?? int.MaxValue)
        .ThenBy(l => l.CreatedOn ?? DateTimeOffset.MaxValue)
        .ThenBy(l => l.Id)
        .ToList();

    /// <param name="lines">Valid lines (positive quantity, a price), in order, whose products are all synced unless written in.</param>
    public static (List<XeroLineItem> Items, List<LineKey> Keys) Build(
        SalesOrderRow order, IReadOnlyList<SalesOrderLineRow> lines, InvoiceContext context, ICollection<string> warnings)
    {
        var items = new List<XeroLineItem>();
        var keys = new List<LineKey>();
        for (var i = 0; i < lines.Count; i++)
        {
            items.Add(FromOrderLine(lines[i], Name(lines[i], i), context, warnings));
            keys.Add(LineKey.Of(lines[i].Id));
        }

        // Rule: Dynamics' order discount = discountamount + discountpercentage % of the lines' total
        // (after their own discounts), both when both are set; it reduces the order before freight.
        var linesTotal = InvoiceSubTotal.Expected(items);
        var orderDiscount = XeroMoney.Round((order.DiscountAmount ?? 0) + linesTotal * (order.DiscountPercentage ?? 0) / 100);
        if (orderDiscount != 0)
        {
            items.Add(Charge(OrderDiscountText, -orderDiscount, LineKey.OrderDiscount, context));
            keys.Add(LineKey.OrderDiscount);
        }
        if (order.FreightAmount is { } freight and not 0)
        {
            items.Add(Charge(FreightText, XeroMoney.Round(freight, "Freight", warnings), LineKey.Freight, context));
            keys.Add(LineKey.Freight);
        }
        return (items, keys);
    }

    /// <summary>A line without an existing product is a write-in, whatever isproductoverridden says.</summary>
    public static bool IsWriteIn(SalesOrderLineRow line) => line.IsWriteIn || line.ProductId is null;

    /// <summary>The write-in product's name, then the line's description on the lines below it.</summary>
    public static string? WriteInText(SalesOrderLineRow line, ICollection<string> warnings)
    {
        var parts = new[] { line.ProductDescription, line.Description }.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct();
        return XeroText.FitLines(string.Join('\n', parts), MaxDescription, "Write-in description", warnings);
    }

    /// <summary>How a line is named in errors and warnings: its line number as the user sees it.</summary>
    public static string Name(SalesOrderLineRow line, int index) => $"Line {line.LineItemNumber ?? index + 1}";

    private static XeroLineItem FromOrderLine(SalesOrderLineRow line, string name, InvoiceContext context, ICollection<string> warnings)
    {
        var quantity = line.Quantity!.Value;
        var unit = XeroMoney.Round(line.PricePerUnit!.Value, $"{name} price", warnings);
        var writeIn = IsWriteIn(line);
        if (line.BaseAmount is { } baseAmount && XeroMoney.Round(baseAmount) != XeroMoney.Round(quantity * unit))
        {
            warnings.Add($"{name}: Dynamics' amount {baseAmount} is not quantity × price ({XeroMoney.Round(quantity * unit)}), " +
                         "perhaps a volume discount; Xero gets quantity × price.");
        }
        return new XeroLineItem
        {
            LineItemID = Remembered(context, LineKey.Of(line.Id)),
            ItemCode = writeIn ? null : context.ItemCodes[line.ProductId!.Value],
            // A synced product's line may omit Description: Xero takes the item's (xeroizer#529).
            Description = writeIn ? WriteInText(line, warnings) : XeroText.FitLines(line.Description, MaxDescription, $"{name} description", warnings),
            Quantity = quantity,
            UnitAmount = unit,
            // ACCREC supports DiscountAmount per line (docs/xero-rules.md#x-invoice-line-discount-accrec; developer.xero.com/documentation/api/invoices).
            DiscountAmount = line.ManualDiscountAmount is { } d and not 0 ? XeroMoney.Round(d, $"{name} discount", warnings) : null,
        }.Coded(context.Coding.GetValueOrDefault(line.Id) ?? context.OrderCoding, context);
    }

    private static XeroLineItem Charge(string text, decimal amount, LineKey key, InvoiceContext context) => new XeroLineItem
    {
        LineItemID = Remembered(context, key),
        Description = text,
        Quantity = 1,
        UnitAmount = amount,
    }.Coded(context.OrderCoding, context);

    /// <summary>The line's account, tax type and tracking (docs/mappings.md); the options' defaults without a mapping.</summary>
    private static XeroLineItem Coded(this XeroLineItem line, LineCoding? coding, InvoiceContext context) => line with
    {
        AccountCode = coding?.AccountCode ?? context.Options.SalesAccountCode,
        TaxType = coding is null ? context.Options.TaxType : coding.TaxType,
        Tracking = coding is { Tracking.Count: > 0 } ? coding.Tracking : null,
    };

    private static Guid? Remembered(InvoiceContext context, LineKey key) =>
        context.LineItemIds.TryGetValue(key, out var id) ? id : null;
}
