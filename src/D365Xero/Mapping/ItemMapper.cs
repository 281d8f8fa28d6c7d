using D365Xero.Configuration;
using D365Xero.Source.Rows;
using D365Xero.Target.Xero.Model;

namespace D365Xero.Mapping;

/// <summary>Product → Xero item. Pure: a row in, a decision and payload out.</summary>
public static class ItemMapper
{
    /// <summary>Item Code: required, unique, ≤ 30 (docs/xero-rules.md#x-item-code-unique; developer.xero.com/documentation/api/items).</summary>
    public const int MaxCode = 30;

    /// <summary>Item Name ≤ 50 (docs/xero-rules.md#x-item-field-lengths; developer.xero.com/documentation/api/items).</summary>
    public const int MaxName = 50;

    /// <summary>Item Description (sales) ≤ 4000 (docs/xero-rules.md#x-item-field-lengths; developer.xero.com/documentation/api/items).</summary>
    public const int MaxDescription = 4000;

    /// <remarks>
    /// Rules, in order:
    /// <list type="number">
    /// <item>Families and bundles (productstructure 2, 3) are skipped: only plain products are sold
    /// as items (docs/dataverse-rules.md#d-product-state; learn.microsoft.com/dynamics365/developer/reference/entities/product). A missing productstructure counts as a plain product.</item>
    /// <item>Draft and Under Revision products are skipped until they are active: a draft is not
    /// for sale yet, and a product under revision keeps its last active version in Xero until the
    /// revision is published.</item>
    /// <item>Retired products: <c>RetiredProducts = Delete</c> → delete the item; <c>Keep</c> (the
    /// default) → mapped like an active one (Xero items have no inactive state, docs/xero-rules.md#x-item-no-inactive-state; developer.xero.com/documentation/api/items).</item>
    /// <item>Code ← productnumber, cleaned; empty or over 30 characters fails the row, never cut:
    /// the Code is the item's key, and a cut one could collide with another product's.</item>
    /// </list>
    /// </remarks>
    public static ItemMapping Map(ProductRow product, SyncOptions options)
    {
        if ((product.Structure ?? ProductRow.PlainProduct) != ProductRow.PlainProduct)
        {
            return ItemMapping.Skip("Product families and bundles are not sent to Xero; only their products are.");
        }
        switch (product.State)
        {
            case ProductState.Draft:
                return ItemMapping.Skip("The product is a draft; it is sent to Xero once it is published (active).");
            case ProductState.UnderRevision:
                return ItemMapping.Skip("The product is under revision; Xero keeps its last published version until the revision is published.");
            case ProductState.Retired when options.RetiredProducts == RetiredProducts.Delete:
                return ItemMapping.Delete("The product is retired, and the connection is set to delete the Xero items of retired products.");
        }

        var warnings = new List<string>();
        var code = XeroText.Clean(product.ProductNumber);
        if (code.Length == 0)
        {
            return ItemMapping.Fail("The product has no product number (Product ID); Xero needs it as the item code.", warnings);
        }
        if (code.Length > MaxCode)
        {
            return ItemMapping.Fail(
                $"The product number '{code}' is {code.Length} characters long; Xero item codes are at most {MaxCode}. " +
                "It is not shortened, because the code identifies the item: give the product a shorter number.", warnings);
        }

        decimal? price = null;
        if (product.Price is { } listPrice) price = XeroMoney.Round(listPrice, "List price", warnings);
        else warnings.Add("The product has no list price, so the Xero item has no sales unit price.");

        var payload = new XeroItem
        {
            Code = code,
            Name = XeroText.Fit(product.Name, MaxName, "Name", warnings),
            Description = XeroText.FitLines(product.Description, MaxDescription, "Description", warnings),
            // Always true: IsSold = false would clear Description and SalesDetails (docs/xero-rules.md#x-item-is-sold-clears-sales; developer.xero.com/documentation/api/items).
            IsSold = true,
            SalesDetails = new XeroItemDetails
            {
                UnitPrice = price,
                AccountCode = options.SalesAccountCode,
                TaxType = options.TaxType,
            },
        };
        return ItemMapping.Send(payload, warnings);
    }
}
