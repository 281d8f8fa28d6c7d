namespace D365Xero.Source.Rows;

/// <summary>A sales order's <c>statecode</c> (docs/dataverse-rules.md#d-salesorder-state; learn.microsoft.com/dynamics365/developer/reference/entities/salesorder).</summary>
public enum SalesOrderState
{
    Active = 0,
    Submitted = 1,
    Canceled = 2,
    Fulfilled = 3,
    Invoiced = 4,
}
