using D365Xero.Sync;

namespace D365Xero.Tables;

/// <summary>
/// The lookup from a child row to the parent whose Xero record it travels inside (a contact inside its
/// account's Xero contact, an order line inside its order's invoice), and where the child's link
/// remembers the parent it was last placed under.
/// </summary>
/// <param name="HadOwn">Whether the child's link names a Xero record of the child's own (an individual customer's contact), which
/// its own step must retire once the child is placed under a parent; null for a table whose children never have one.</param>
public sealed record ParentLookup(string Column, string Table, Func<LinkDetail, Guid?> Previous, Func<LinkDetail, bool>? HadOwn = null);
