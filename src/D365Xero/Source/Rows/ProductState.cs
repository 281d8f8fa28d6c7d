namespace D365Xero.Source.Rows;

/// <summary>A product's <c>statecode</c> (reference/dataverse-api.md §6).</summary>
public enum ProductState
{
    Active = 0,
    Retired = 1,
    Draft = 2,
    UnderRevision = 3,
}
