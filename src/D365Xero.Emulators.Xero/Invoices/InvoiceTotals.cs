using D365Xero.Emulators.Xero.Organisation;

namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>
/// Xero's arithmetic. Rule: [SPEC] LineItem.LineAmount = Qty × UnitAmount × (100 − DiscountRate)/100, or
/// Qty × UnitAmount − DiscountAmount; tax per line, rounded to 2 dp, then summed [SEC]; LineAmountTypes
/// default Exclusive; docs/xero-rules.md#x-invoice-line-amount-types; developer.xero.com/documentation/api/invoices.
/// </summary>
internal static class InvoiceTotals
{
    public static void Compute(Invoice invoice, OrganisationSettings settings)
    {
        decimal subTotal = 0, totalTax = 0, totalDiscount = 0;
        foreach (var line in invoice.LineItems ?? [])
        {
            // Xero derives a missing Quantity or UnitAmount from LineAmount; a description-only line is all zeros.
            if (line.UnitAmount is null && line.LineAmount is { } given)
            {
                line.Quantity ??= 1;
                line.UnitAmount = line.Quantity == 0 ? 0 : given / line.Quantity;
            }
            if (line.UnitAmount is not null) line.Quantity ??= 1;
            var gross = (line.Quantity ?? 0) * (line.UnitAmount ?? 0);
            var net = line.DiscountAmount is { } amount ? gross - amount
                : line.DiscountRate is { } rate ? gross * (100 - rate) / 100
                : gross;
            line.LineAmount = Round(net);

            line.TaxType ??= (line.AccountCode is { } code ? settings.AccountByCode(code)?.TaxType : null) ?? "NONE";
            var percent = invoice.LineAmountTypes == "NoTax" ? 0 : settings.TaxRateByType(line.TaxType)?.EffectiveRate ?? 0;
            line.TaxAmount = invoice.LineAmountTypes == "Inclusive"
                ? Round(line.LineAmount.Value - line.LineAmount.Value / (1 + percent / 100))
                : Round(line.LineAmount.Value * percent / 100);

            subTotal += invoice.LineAmountTypes == "Inclusive" ? line.LineAmount.Value - line.TaxAmount.Value : line.LineAmount.Value;
            totalTax += line.TaxAmount.Value;
            totalDiscount += Round(gross) - line.LineAmount.Value;
        }
        invoice.SubTotal = subTotal;
        invoice.TotalTax = totalTax;
        invoice.Total = subTotal + totalTax;
        invoice.TotalDiscount = totalDiscount;
        invoice.IsDiscounted = totalDiscount != 0;
        invoice.AmountPaid ??= 0;
        invoice.AmountCredited ??= 0;
        invoice.AmountDue = invoice.Total - invoice.AmountPaid - invoice.AmountCredited;
    }

    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
