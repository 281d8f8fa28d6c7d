namespace D365Xero.Configuration;

/// <summary>
/// How invoice line amounts are sent to Xero (<c>Sync:LineAmountTypes</c>); the names are Xero's own
/// (https://developer.xero.com/documentation/api/accounting/types#line-amount-types).
/// </summary>
public enum LineAmountTypes
{
    Exclusive,
    Inclusive,
    NoTax,
}
