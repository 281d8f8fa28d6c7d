namespace D365Xero.Source.Rows;

/// <summary>A sales order's <c>statecode</c> (reference/dataverse-api.md §6).</summary>
public enum SalesOrderState
{
    Active = 0,
    Submitted = 1,
    Canceled = 2,
    Fulfilled = 3,
    Invoiced = 4,
}
