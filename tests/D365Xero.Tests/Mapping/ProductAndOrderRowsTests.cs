using System.Text.Json.Nodes;
using D365Xero.Source.Rows;

namespace D365Xero.Tests.Mapping;

/// <summary>
/// The product and order rows read from Web API JSON. (Kept beside the mapper tests that use them;
/// by the mirrored-folder habit they belong in Source/Rows.)
/// </summary>
public sealed class ProductAndOrderRowsTests
{
    [Fact]
    public void Reads_a_product_row()
    {
        var row = JsonNode.Parse("""
            {
              "productid": "5b2a3c4d-0000-4000-8000-000000000001",
              "productnumber": "BIKE-0001", "name": "Mountain Bike", "description": "Full suspension",
              "price": 499.0, "statecode": 3, "productstructure": 1,
              "_transactioncurrencyid_value": "5b2a3c4d-0000-4000-8000-0000000000aa",
              "createdon": "2025-03-04T22:15:00Z"
            }
            """)!.AsObject();

        var product = ProductRow.FromJson(row);

        Assert.Equal(("BIKE-0001", "Mountain Bike", 499.0m), (product.ProductNumber, product.Name, product.Price));
        Assert.Equal(ProductState.UnderRevision, product.State);
        Assert.Equal(1, product.Structure);
        Assert.Equal(Guid.Parse("5b2a3c4d-0000-4000-8000-0000000000aa"), product.CurrencyId);
    }

    [Fact]
    public void Reads_a_sales_order_with_its_polymorphic_customer()
    {
        var row = JsonNode.Parse("""
            {
              "salesorderid": "6c2a3c4d-0000-4000-8000-000000000001",
              "ordernumber": "ORD-00042",
              "_customerid_value": "6c2a3c4d-0000-4000-8000-0000000000cc",
              "_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "contact",
              "_transactioncurrencyid_value": "6c2a3c4d-0000-4000-8000-0000000000aa",
              "discountamount": 25.0, "discountpercentage": 5.5, "freightamount": 12.5,
              "totalamount": 377.57, "totallineitemamount": 369.97, "totaltax": 29.6,
              "submitdate": "2025-03-10", "paymenttermscode": 3, "statecode": 2,
              "createdon": "2025-03-04T22:15:00Z"
            }
            """)!.AsObject();

        var order = SalesOrderRow.FromJson(row);

        Assert.Equal(new EntityRef("contact", Guid.Parse("6c2a3c4d-0000-4000-8000-0000000000cc")), order.Customer);
        Assert.Equal((25.0m, 5.5m, 12.5m), (order.DiscountAmount, order.DiscountPercentage, order.FreightAmount));
        Assert.Equal((377.57m, 369.97m, 29.6m), (order.TotalAmount, order.TotalLineItemAmount, order.TotalTax));
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero), order.SubmitDate);
        Assert.Equal((3, SalesOrderState.Canceled), (order.PaymentTermsCode, order.State));
    }

    [Fact]
    public void Reads_a_write_in_order_line()
    {
        var row = JsonNode.Parse("""
            {
              "salesorderdetailid": "7d2a3c4d-0000-4000-8000-000000000001",
              "_salesorderid_value": "6c2a3c4d-0000-4000-8000-000000000001",
              "_productid_value": null,
              "isproductoverridden": true, "productdescription": "Custom fitting service",
              "quantity": 2.5, "priceperunit": 80.0, "manualdiscountamount": 5.0, "tax": 14.0,
              "baseamount": 200.0, "extendedamount": 209.0, "lineitemnumber": 3, "sequencenumber": 30
            }
            """)!.AsObject();

        var line = SalesOrderLineRow.FromJson(row);

        Assert.Equal(Guid.Parse("6c2a3c4d-0000-4000-8000-000000000001"), line.OrderId);
        Assert.Null(line.ProductId);
        Assert.True(line.IsWriteIn);
        Assert.Equal((2.5m, 80.0m, 5.0m), (line.Quantity, line.PricePerUnit, line.ManualDiscountAmount));
        Assert.Equal((3, 30), (line.LineItemNumber, line.SequenceNumber));
    }
}
