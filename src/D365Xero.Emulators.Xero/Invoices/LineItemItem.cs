namespace D365Xero.Emulators.Xero.Invoices;

/// <summary>[SPEC] schema LineItemItem: the item a line refers to, returned beside ItemCode.</summary>
internal sealed record LineItemItem(Guid? ItemID, string? Code, string? Name);
