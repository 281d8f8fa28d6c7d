using System.Text.Json.Nodes;

namespace D365Xero.Source.Rows;

/// <summary>The sales order columns the connector maps to a Xero ACCREC invoice.</summary>
public sealed record SalesOrderRow
{
    /// <summary>The mapped source columns; the only ones read, tracked and listed as webhook filtering attributes.</summary>
    public static readonly string[] Columns =
    [
        "ordernumber", "name", "customerid", "transactioncurrencyid",
        "discountamount", "discountpercentage", "freightamount", "totalamount", "totallineitemamount", "totaltax",
        "submitdate", "datefulfilled", "paymenttermscode", "statecode", "createdon",
    ];

    public required Guid Id { get; init; }
    public string? OrderNumber { get; init; }
    public string? Name { get; init; }
    /// <summary>The customer: an account or a contact (a Customer lookup, docs/dataverse-rules.md#d-salesorder-state; learn.microsoft.com/dynamics365/developer/reference/entities/salesorder).</summary>
    public EntityRef? Customer { get; init; }
    public Guid? CurrencyId { get; init; }
    /// <summary>Order-level discount amount.</summary>
    public decimal? DiscountAmount { get; init; }
    /// <summary>Order-level discount, 0–100, of the line total.</summary>
    public decimal? DiscountPercentage { get; init; }
    public decimal? FreightAmount { get; init; }
    /// <summary>Read-only: lines − discounts + freight + tax.</summary>
    public decimal? TotalAmount { get; init; }
    /// <summary>Read-only: Σ lines after their own discounts, before tax.</summary>
    public decimal? TotalLineItemAmount { get; init; }
    public decimal? TotalTax { get; init; }
    /// <summary>Date only (UserLocal), read as midnight UTC of that date.</summary>
    public DateTimeOffset? SubmitDate { get; init; }
    public DateTimeOffset? DateFulfilled { get; init; }
    /// <summary>1 Net 30, 2 2% 10 Net 30, 3 Net 45, 4 Net 60.</summary>
    public int? PaymentTermsCode { get; init; }
    public SalesOrderState State { get; init; }
    public DateTimeOffset? CreatedOn { get; init; }

    public static SalesOrderRow FromJson(JsonObject row) => new()
    {
        Id = row.Id("salesorderid") ?? throw new FormatException("salesorder row without salesorderid"),
        OrderNumber = row.Text("ordernumber"),
        Name = row.Text("name"),
        Customer = row.Lookup("customerid"),
        CurrencyId = row.Lookup("transactioncurrencyid")?.Id,
        DiscountAmount = row.Money("discountamount"),
        DiscountPercentage = row.Money("discountpercentage"),
        FreightAmount = row.Money("freightamount"),
        TotalAmount = row.Money("totalamount"),
        TotalLineItemAmount = row.Money("totallineitemamount"),
        TotalTax = row.Money("totaltax"),
        SubmitDate = row.Date("submitdate"),
        DateFulfilled = row.Date("datefulfilled"),
        PaymentTermsCode = row.Int("paymenttermscode"),
        State = (SalesOrderState)(row.Int("statecode") ?? 0),
        CreatedOn = row.Date("createdon"),
    };
}
