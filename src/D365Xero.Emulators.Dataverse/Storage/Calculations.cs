namespace D365Xero.Emulators.Dataverse;

/// <summary>
/// Columns the platform computes (docs/dataverse-rules.md#d-table-columns; learn.microsoft.com/dynamics365/developer/reference/entities/salesorderdetail): contact.fullname, salesorderdetail baseamount/extendedamount,
/// the read-only order totals, serviceendpoint.isauthvalueset.
/// </summary>
internal static class Calculations
{
    public static void Apply(TableDefinition table, Row row)
    {
        switch (table.LogicalName)
        {
            case "contact":
                var first = row[table.Find("firstname")!] as string;
                var last = row[table.Find("lastname")!] as string;
                var full = string.Join(" ", new[] { first, last }.Where(s => !string.IsNullOrEmpty(s)));
                row[table.Find("fullname")!] = full.Length == 0 ? null : full;
                break;
            case "salesorderdetail":
                // baseamount = priceperunit × quantity; extendedamount = base − discounts + tax (docs/dataverse-rules.md#d-table-columns; learn.microsoft.com/dynamics365/developer/reference/entities/salesorderdetail).
                var price = row[table.Find("priceperunit")!] as decimal? ?? 0m;
                var quantity = row[table.Find("quantity")!] as decimal? ?? 0m;
                var discount = row[table.Find("manualdiscountamount")!] as decimal? ?? 0m;
                var tax = row[table.Find("tax")!] as decimal? ?? 0m;
                var baseAmount = ColumnValues.Money(price * quantity);
                row[table.Find("baseamount")!] = baseAmount;
                row[table.Find("volumediscountamount")!] = ColumnValues.Money(0m);
                row[table.Find("extendedamount")!] = ColumnValues.Money(baseAmount - discount + tax);
                break;
            case "serviceendpoint":
                row[table.Find("isauthvalueset")!] = row[table.Find("authvalue")!] is string { Length: > 0 };
                break;
        }
    }

    /// <summary>
    /// Order totals from its lines: totallineitemamount = Σ(base − line discount); totaldiscountamount = order
    /// discount amount + percentage of the line total; totalamount = line total − discount + freight + Σ tax.
    /// Returns true when a total changed.
    /// </summary>
    public static bool OrderTotals(DataverseStore store, Row order)
    {
        var lines = store["salesorderdetail"];
        var orderLookup = lines.Definition.Find("salesorderid")!;
        // The lines' lookup index, not a scan of every line of every order: totals are sums, so order does not matter.
        return OrderTotals(store.Schema, order, lines.WithLookup(orderLookup, order.Id).ToList());
    }

    /// <summary>Totals from the given lines of the order (the seeder passes them directly).</summary>
    public static bool OrderTotals(SchemaCatalog schema, Row order, IEnumerable<Row> orderLines)
    {
        var orders = schema["salesorder"];
        var def = schema["salesorderdetail"];
        decimal lineTotal = 0, lineDiscount = 0, tax = 0;
        foreach (var line in orderLines)
        {
            var baseAmount = line[def.Find("baseamount")!] as decimal? ?? 0m;
            var discount = line[def.Find("manualdiscountamount")!] as decimal? ?? 0m;
            lineTotal += baseAmount - discount;
            lineDiscount += discount;
            tax += line[def.Find("tax")!] as decimal? ?? 0m;
        }
        var discountAmount = order[orders.Find("discountamount")!] as decimal? ?? 0m;
        var discountPercent = order[orders.Find("discountpercentage")!] as decimal? ?? 0m;
        var freight = order[orders.Find("freightamount")!] as decimal? ?? 0m;
        var totalDiscount = discountAmount + decimal.Round(lineTotal * discountPercent / 100m, 2);
        var lessFreight = lineTotal - totalDiscount;
        var values = new (string Column, decimal Value)[]
        {
            ("totallineitemamount", lineTotal),
            ("totallineitemdiscountamount", lineDiscount),
            ("totaldiscountamount", totalDiscount),
            ("totalamountlessfreight", lessFreight),
            ("totaltax", tax),
            ("totalamount", lessFreight + freight + tax),
        };
        var changed = false;
        foreach (var (column, value) in values)
        {
            var definition = orders.Find(column)!;
            var money = ColumnValues.Money(value);
            if (order[definition] is decimal current && current == money) continue;
            order[definition] = money;
            changed = true;
        }
        return changed;
    }
}
