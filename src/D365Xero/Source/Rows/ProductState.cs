namespace D365Xero.Source.Rows;

/// <summary>A product's <c>statecode</c> (docs/dataverse-rules.md#d-product-state; learn.microsoft.com/dynamics365/developer/reference/entities/product).</summary>
public enum ProductState
{
    Active = 0,
    Retired = 1,
    Draft = 2,
    UnderRevision = 3,
}
