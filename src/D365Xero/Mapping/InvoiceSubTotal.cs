using D365Xero.Source.Rows;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Mapping;

/// <summary>
/// The arithmetic both sides must agree on. Rule: Xero's LineAmount = Quantity × UnitAmount −
/// DiscountAmount, rounded to 2 dp per line, and SubTotal is their sum under Exclusive amounts
/// (docs/xero-rules.md#x-invoice-line-rounding; developer.xero.com/documentation/api/invoices). Dynamics' total before tax is totalamount − totaltax (docs/dataverse-rules.md#d-table-columns; learn.microsoft.com/dynamics365/developer/reference/entities/salesorder).
/// </summary>
public static class InvoiceSubTotal
{
    public static decimal LineAmount(XeroLineItem line) =>
        XeroMoney.Round((line.Quantity ?? 0) * (line.UnitAmount ?? 0) - (line.DiscountAmount ?? 0));

    /// <summary>Σ line amounts, discount and freight lines included: Xero's SubTotal when LineAmountTypes is Exclusive.</summary>
    public static decimal Expected(IEnumerable<XeroLineItem> lines) => lines.Sum(LineAmount);

    public static decimal Expected(XeroInvoice invoice) => Expected(invoice.LineItems ?? []);

    /// <summary>The order's total before tax as Dynamics computed it, or null when Dynamics has not.</summary>
    public static decimal? DynamicsBeforeTax(SalesOrderRow order) =>
        order.TotalAmount is { } total ? total - (order.TotalTax ?? 0) : null;
}
