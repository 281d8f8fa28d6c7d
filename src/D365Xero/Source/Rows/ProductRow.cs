using System.Text.Json.Nodes;

namespace D365Xero.Source.Rows;

/// <summary>The product columns the connector maps to a Xero item.</summary>
public sealed record ProductRow
{
    /// <summary>The mapped source columns; the only ones read, tracked and listed as webhook filtering attributes.</summary>
    public static readonly string[] Columns =
        ["productnumber", "name", "description", "price", "statecode", "productstructure", "transactioncurrencyid", "createdon"];

    /// <summary><c>productstructure</c> of a plain product; 2 is a family, 3 a bundle; sync only 1 (docs/dataverse-rules.md#d-product-state; learn.microsoft.com/dynamics365/developer/reference/entities/product).</summary>
    public const int PlainProduct = 1;

    public required Guid Id { get; init; }
    public string? ProductNumber { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    /// <summary>List price, in the product's currency.</summary>
    public decimal? Price { get; init; }
    public ProductState State { get; init; }
    /// <summary>1 Product, 2 Product Family, 3 Product Bundle; null on organisations without families.</summary>
    public int? Structure { get; init; }
    public Guid? CurrencyId { get; init; }
    public DateTimeOffset? CreatedOn { get; init; }

    public static ProductRow FromJson(JsonObject row) => new()
    {
        Id = row.Id("productid") ?? throw new FormatException("product row without productid"),
        ProductNumber = row.Text("productnumber"),
        Name = row.Text("name"),
        Description = row.Text("description"),
        Price = row.Money("price"),
        State = (ProductState)(row.Int("statecode") ?? 0),
        Structure = row.Int("productstructure"),
        CurrencyId = row.Lookup("transactioncurrencyid")?.Id,
        CreatedOn = row.Date("createdon"),
    };
}
