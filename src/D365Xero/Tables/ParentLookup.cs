using D365Xero.Sync;

namespace D365Xero.Tables;

/// <summary>
/// The lookup from a child row to the parent whose Xero record it travels inside (a contact inside its
/// account's Xero contact, an order line inside its order's invoice), and where the child's link
/// remembers the parent it was last placed under.
/// </summary>
public sealed record ParentLookup(string Column, string Table, Func<LinkDetail, Guid?> Previous);
