using System.Text.Json.Nodes;

namespace D365Xero.Source.Rows;

/// <summary>The sales order line (<c>salesorderdetail</c>) columns the connector maps to a Xero invoice line.</summary>
public sealed record SalesOrderLineRow
{
    /// <summary>The mapped source columns; the only ones read, tracked and listed as webhook filtering attributes.</summary>
    public static readonly string[] Columns =
    [
        "salesorderid", "productid", "isproductoverridden", "productdescription", "description",
        "quantity", "priceperunit", "manualdiscountamount", "tax", "baseamount", "extendedamount",
        "lineitemnumber", "sequencenumber", "createdon",
    ];

    public required Guid Id { get; init; }
    public Guid? OrderId { get; init; }
    /// <summary>The existing product; null on a write-in line.</summary>
    public Guid? ProductId { get; init; }
    /// <summary>True for a write-in product (isproductoverridden = 1).</summary>
    public bool IsWriteIn { get; init; }
    /// <summary>The write-in product's name.</summary>
    public string? ProductDescription { get; init; }
    public string? Description { get; init; }
    /// <summary>Decimal (read with the money reader, which takes any JSON number).</summary>
    public decimal? Quantity { get; init; }
    public decimal? PricePerUnit { get; init; }
    public decimal? ManualDiscountAmount { get; init; }
    public decimal? Tax { get; init; }
    /// <summary>Read-only: priceperunit × quantity, after volume discount.</summary>
    public decimal? BaseAmount { get; init; }
    /// <summary>Read-only: base − discounts + tax.</summary>
    public decimal? ExtendedAmount { get; init; }
    public int? LineItemNumber { get; init; }
    public int? SequenceNumber { get; init; }
    public DateTimeOffset? CreatedOn { get; init; }
    /// <summary>The row as read, for the columns a connection's mapping adds (docs/mappings.md).</summary>
    public JsonObject? Raw { get; init; }

    public static SalesOrderLineRow FromJson(JsonObject row) => new()
    {
        Id = row.Id("salesorderdetailid") ?? throw new FormatException("salesorderdetail row without salesorderdetailid"),
        OrderId = row.Lookup("salesorderid")?.Id,
        ProductId = row.Lookup("productid")?.Id,
        IsWriteIn = row.Flag("isproductoverridden") ?? false,
        ProductDescription = row.Text("productdescription"),
        Description = row.Text("description"),
        Quantity = row.Money("quantity"),
        PricePerUnit = row.Money("priceperunit"),
        ManualDiscountAmount = row.Money("manualdiscountamount"),
        Tax = row.Money("tax"),
        BaseAmount = row.Money("baseamount"),
        ExtendedAmount = row.Money("extendedamount"),
        LineItemNumber = row.Int("lineitemnumber"),
        SequenceNumber = row.Int("sequencenumber"),
        CreatedOn = row.Date("createdon"),
        Raw = row,
    };
}
